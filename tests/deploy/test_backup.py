"""Backups you can trust: back up, write more, restore, and the ledger is checked after.

Each test runs the real commands in fresh processes on a database of its own: an SQLite
file, or (when the suite runs on PostgreSQL, as `make test`'s second pass does) a new
database on the same server, with pg_dump and pg_restore.
"""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from tests.deploy.production import ROOT

ADD_ENTRIES = """
from ledger import services
from tracker.models import Demand, Status
for demand in Demand.objects.exclude(status__in=Status.final()).order_by("pk")[:2]:
    services.record_status_change(demand, Status.WITHDRAWN, by=None, public_note="Dropped.")
"""
COUNT = "from ledger.models import Entry; print(Entry.objects.count())"


@pytest.fixture
def database_url(tmp_path):
    """A database of the test's own, of the kind the suite runs on."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'ledger.sqlite3'}"
        return
    import psycopg

    server = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    name = f"ledger_backup_{secrets.token_hex(4)}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    yield f"{server}/{name}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture
def manage(tmp_path, database_url):
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "BACKUP_DIR": str(tmp_path / "backups"),
        # The checkpoints' key and witness file, outside the database (and this worktree).
        "LEDGER_SIGNING_KEY_FILE": str(tmp_path / "ledger" / "signing.key"),
        "LEDGER_WITNESS_FILE": str(tmp_path / "ledger" / "checkpoints.jsonl"),
    }

    def run(*args: str, check: bool = True) -> subprocess.CompletedProcess:
        done = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
        )
        if check:
            assert done.returncode == 0, done.stdout + done.stderr
        return done

    run("migrate", "--noinput", "-v0")
    return run


def entries(manage) -> int:
    return int(manage("shell", "-v0", "-c", COUNT).stdout.strip())


def written(output: str) -> Path:
    return Path(re.search(r"Backup written: (\S+)", output).group(1))


def test_restoring_an_older_backup_is_told_apart_from_an_intact_ledger(manage, tmp_path):
    manage("load_seed")
    before = entries(manage)
    assert before > 0
    saved = written(manage("backup").stdout)
    assert saved.parent == tmp_path / "backups"

    manage("shell", "-v0", "-c", ADD_ENTRIES)  # each write signs a checkpoint, also kept outside
    assert entries(manage) == before + 2

    done = manage("restore", str(saved), "--yes", check=False)
    assert entries(manage) == before
    assert done.returncode != 0
    assert "Restored, but the ledger does not verify" in done.stderr
    assert "2 entries newer than the ledger's last one" in done.stderr

    # Nothing lost by the restore either: the state it replaced was saved first, and
    # restoring that one verifies.
    replaced = Path(re.search(r"The database as it was is saved in (\S+)", done.stdout).group(1))
    done = manage("restore", str(replaced), "--yes")
    assert entries(manage) == before + 2
    assert "Ledger intact" in done.stdout


def test_restore_refuses_without_confirmation_or_a_real_backup(manage, tmp_path):
    saved = written(manage("backup").stdout)
    refused = manage("restore", str(saved), check=False)
    assert refused.returncode != 0 and "--yes" in refused.stderr

    junk = tmp_path / "notes.txt"
    junk.write_text("not a backup")
    refused = manage("restore", str(junk), "--yes", check=False)
    assert refused.returncode != 0 and "is not a backup" in refused.stderr
    assert len(list((tmp_path / "backups").glob("ledger-*"))) == 1  # no safety copy made


def test_backup_keeps_the_newest_when_asked(manage, tmp_path):
    for _ in range(3):
        manage("backup", "--keep", "2")
    assert len(list((tmp_path / "backups").glob("ledger-*"))) == 2
