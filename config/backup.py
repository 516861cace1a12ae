"""Backups of the whole database, and restoring one: ``manage.py backup`` and ``restore``.

SQLite (development) is copied with SQLite's online backup API, consistent while the site
runs; PostgreSQL (production) with ``pg_dump``'s custom format and ``pg_restore``. A
backup is written under a temporary name and renamed when complete, so a file named
``ledger-*`` is always whole.
"""

import os
import sqlite3
import subprocess
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connections

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"
PATTERN = "ledger-*"


class BackupError(Exception):
    """The backup or restore could not be done; the message says why and what to do."""


def _database() -> dict:
    return connections["default"].settings_dict


def _vendor() -> str:
    return connections["default"].vendor


def _pg_environment() -> dict[str, str]:
    """libpq's variables, so that the password never shows on a command line."""
    db = _database()
    values = {
        "PGDATABASE": db["NAME"],
        "PGUSER": db.get("USER") or "",
        "PGPASSWORD": db.get("PASSWORD") or "",
        "PGHOST": db.get("HOST") or "",
        "PGPORT": str(db.get("PORT") or ""),
    }
    return {**os.environ, **{key: value for key, value in values.items() if value}}


def _run(command: list[str]) -> None:
    try:
        done = subprocess.run(command, env=_pg_environment(), capture_output=True, text=True)
    except FileNotFoundError:
        raise BackupError(
            f"{command[0]} is not installed: install PostgreSQL's client tools "
            "(Debian: apt-get install postgresql-client; the image has them)."
        ) from None
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()}")


def backup(directory: Path | None = None) -> Path:
    """Write a backup of the database into ``directory`` (``BACKUP_DIR``); return its path."""
    directory = Path(directory or settings.BACKUP_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    vendor = _vendor()
    stamp = datetime.now().astimezone().strftime("%Y%m%d-%H%M%S-%f")
    suffix = {"sqlite": "sqlite3", "postgresql": "pgdump"}.get(vendor)
    if suffix is None:
        raise BackupError(f"No backup for a {vendor} database.")
    target = directory / f"ledger-{stamp}.{suffix}"
    partial = directory / f".partial-{target.name}"
    try:
        if vendor == "sqlite":
            source = sqlite3.connect(_database()["NAME"])
            copy = sqlite3.connect(partial)
            try:
                source.backup(copy)
            finally:
                copy.close()
                source.close()
        else:
            _run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    "--file",
                    str(partial),
                ]
            )
        partial.rename(target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def prune(directory: Path | None = None, keep: int = 0) -> list[Path]:
    """Delete all but the ``keep`` newest backups in ``directory``; return what went."""
    if keep <= 0:
        return []
    backups = sorted(Path(directory or settings.BACKUP_DIR).glob(PATTERN))
    old = backups[:-keep]
    for path in old:
        path.unlink()
    return old


def kind_of(path: Path) -> str:
    """'sqlite' or 'postgresql', from the file's first bytes (not its name)."""
    with path.open("rb") as stream:
        head = stream.read(len(SQLITE_MAGIC))
    if head == SQLITE_MAGIC:
        return "sqlite"
    if head.startswith(PG_DUMP_MAGIC):
        return "postgresql"
    raise BackupError(f"{path} is not a backup of this tracker (neither SQLite nor pg_dump).")


def check(path: Path) -> None:
    """Raise ``BackupError`` unless ``path`` is a backup this site's database can take."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"No backup at {path}.")
    kind, vendor = kind_of(path), _vendor()
    if kind != vendor:
        raise BackupError(f"{path} is a {kind} backup; this site's database is {vendor}.")


def restore(path: Path) -> None:
    """Replace the whole database with the backup at ``path``."""
    path = Path(path)
    check(path)
    vendor = _vendor()
    connections.close_all()
    if vendor == "sqlite":
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        target = sqlite3.connect(_database()["NAME"])
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
    else:
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                "--dbname",
                _database()["NAME"],
                str(path),
            ]
        )
