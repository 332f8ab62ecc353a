"""Where a vault's files are: its folder holds the key file and the database (with SQLite's
WAL and shared-memory sidecars). The one place these names are decided."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DB_NAME = "registry.db"
KEY_NAME = "vault.key"
# held (flock) for every change of the key file: a data key rotation, from staging to commit,
# and an unlock that may settle one (registry.vault.keyfile.locked); it holds no data
LOCK_NAME = "vault.lock"
# a pending recovery request's one-time secret, sealed under the new passphrase (registry.recovery)
RECOVERY_SECRET_NAME = "recovery-request.secret"  # noqa: S105 - a file name


@dataclass(frozen=True)
class VaultPaths:
    root: Path

    @property
    def db(self) -> Path:
        return self.root / DB_NAME

    @property
    def key(self) -> Path:
        return self.root / KEY_NAME

    @property
    def key_lock(self) -> Path:
        return self.root / LOCK_NAME

    @property
    def recovery_secret(self) -> Path:
        return self.root / RECOVERY_SECRET_NAME

    def sidecars(self) -> list[Path]:
        return [self.db, self.root / f"{DB_NAME}-wal", self.root / f"{DB_NAME}-shm"]

    def exists(self) -> bool:
        return self.key.exists()
