"""The one passphrase of the suite's vaults, for every test folder and helper to share.

A test that needs a second passphrase (a change, a wrong guess) writes it where it is used.
"""

PASSPHRASE = "correct horse battery staple"
