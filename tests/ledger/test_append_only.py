"""Append-only in the database itself: raw SQL cannot rewrite or remove an entry."""

import pytest
from django.db import DatabaseError, connection, transaction

from ledger import services
from ledger.db import installed_triggers
from ledger.models import Checkpoint, Entry, LedgerError
from tests.factories import DemandFactory
from tracker.models import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry():
    demand = DemandFactory()
    return services.record_status_change(
        demand, Status.NOT_ACHIEVED, by=None, public_note="Afgewezen."
    )


def refused(sql: str) -> bool:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    except DatabaseError as error:
        assert "append-only" in str(error) or "ledger_is_append_only" in str(error)
        return True
    return False


def test_triggers_are_in_place_after_migrate():
    names = installed_triggers()
    for table in ("ledger_entry", "ledger_checkpoint"):
        assert any(name.startswith(table) for name in names), names


def test_raw_update_and_delete_of_an_entry_are_refused(entry):
    assert refused(f"UPDATE ledger_entry SET public_note = 'Herschreven.' WHERE id = {entry.pk}")
    assert refused(f"DELETE FROM ledger_entry WHERE id = {entry.pk}")
    assert refused("DELETE FROM ledger_entry")
    assert Entry.objects.get(pk=entry.pk).public_note == "Afgewezen."


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
@pytest.mark.django_db(transaction=True)  # Committed rows: nothing else holds the table.
def test_truncate_is_refused(entry):
    assert refused("TRUNCATE ledger_entry CASCADE")
    assert Entry.objects.filter(pk=entry.pk).exists()


def test_checkpoints_cannot_be_removed_either(entry):
    Checkpoint.objects.create(
        size=1, head_hash="x" * 64, signed_at=entry.recorded_at, key_id="k", signature="s"
    )
    assert refused("DELETE FROM ledger_checkpoint")
    assert refused("UPDATE ledger_checkpoint SET size = 0")


def test_the_models_refuse_too_whatever_the_manager(entry):
    entry.public_note = "Herschreven."
    with pytest.raises(LedgerError):
        entry.save()
    with pytest.raises(LedgerError):
        entry.delete()
    with pytest.raises(LedgerError):
        Entry.objects.filter(pk=entry.pk).update(public_note="Herschreven.")
    with pytest.raises(LedgerError):
        Entry.objects.all().delete()
    with pytest.raises(DatabaseError):
        with transaction.atomic():
            Entry._base_manager.filter(pk=entry.pk).update(public_note="Herschreven.")
    assert Entry.objects.get(pk=entry.pk).public_note == "Afgewezen."
