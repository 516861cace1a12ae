"""Writers that never collide: appends queue on the chain head instead of retrying.

On PostgreSQL, fifty status changes at once and overlapping bulk changes all succeed, with no
deadlock and an intact chain. On SQLite, the embedded default, real processes write at once
(the admin's form, an import, the reminder sweep) while the public site is read, and none of
them meets "database is locked"."""

import json
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection

from ledger import services
from ledger.models import Entry
from ledger.verify import verify
from tests.factories import DemandFactory
from tracker.models import Demand, Status


def run_together(functions) -> list:
    """Start every function in its own thread at the same moment; return what failed."""
    barrier = threading.Barrier(len(functions))
    errors = []

    def run(function):
        try:
            barrier.wait()
            function()
        except Exception as error:  # Collected, and the test fails on any.
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(function,)) for function in functions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks across connections: PostgreSQL"
)


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_fifty_status_changes_at_once_all_succeed_and_the_chain_holds():
    demands = DemandFactory.create_batch(50)

    def change(pk):
        return lambda: services.record_status_change(
            Demand.objects.get(pk=pk), Status.IN_PROGRESS, by=None, public_note="Tegelijk."
        )

    started = time.monotonic()
    errors = run_together([change(demand.pk) for demand in demands])
    elapsed = time.monotonic() - started

    assert errors == []
    assert Entry.objects.filter(kind=Entry.Kind.STATUS).count() == 50
    assert verify().intact
    print(f"50 concurrent status changes in {elapsed:.2f} s")


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_overlapping_bulk_changes_never_deadlock():
    demands = DemandFactory.create_batch(30)
    pks = [demand.pk for demand in demands]

    def bulk(order, status):
        def run():
            with services.writing():
                for pk in order:
                    try:
                        services.record_status_change(
                            Demand.objects.get(pk=pk), status, by=None, public_note="Bulk."
                        )
                    except ValidationError:
                        pass  # Already that status: the admin reports it and goes on.

        return run

    shuffled = [random.Random(seed).sample(pks, len(pks)) for seed in range(6)]
    statuses = [Status.IN_PROGRESS, Status.ACHIEVED, Status.OPEN] * 2
    errors = run_together([bulk(order, s) for order, s in zip(shuffled, statuses, strict=True)])

    assert errors == []
    report = verify()
    assert report.intact, report.problems


def _django(args, env, **kwargs):
    return subprocess.run(
        [sys.executable, *args],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
        **kwargs,
    )


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the embedded default's own test")
def test_sqlite_processes_writing_at_once_never_meet_a_locked_database(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'ledger.sqlite3'}",
        "EMAIL_URL": "dummymail://",
        "LEDGER_SIGNING_KEY_FILE": str(tmp_path / "signing.key"),
        "LEDGER_WITNESS_FILE": str(tmp_path / "witness.jsonl"),
        "LEDGER_GENERATE_KEY": "true",
        "DEMO_MODE": "true",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    for command in (["migrate", "-v0"], ["load_seed"], ["setup_demo"]):
        _django(["manage.py", *command], env)
    roles = [("web", 15), ("web", 15), ("web", 15), ("import", 400), ("sweep", 5), ("read", 15)]

    started = time.monotonic()
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.ledger.writers", role, str(count)],
            env=env,
            cwd=settings.BASE_DIR,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for role, count in roles
    ]
    outcomes = []
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        outcomes.append(json.loads(out.strip().splitlines()[-1]))
    elapsed = time.monotonic() - started

    for outcome in outcomes:
        assert outcome["errors"] == [], outcome
    assert sum(o["did"] for o in outcomes if o["role"] == "web") == 45
    assert next(o for o in outcomes if o["role"] == "import")["did"] == 400
    verified = _django(["manage.py", "verify_ledger"], env)
    assert "Ledger intact" in verified.stdout
    print(f"SQLite: {json.dumps(outcomes)} in {elapsed:.1f} s")
    Path(tmp_path / "ledger.sqlite3").unlink()
