"""The vault (DESIGN §5): key file and KDF, OS keychain, process hardening, wipe.

Import the submodules: ``keyfile`` (create, unseal, reseal, rotate, wipe ``vault.key``),
``keychain`` (optional "remember on this computer"), ``hardening`` (no core dumps, zeroing).
The SQLCipher database itself lives in ``registry.store``.
"""
