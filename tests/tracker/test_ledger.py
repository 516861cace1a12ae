import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection

from tests.factories import CommitmentFactory, DemandFactory, editor
from tracker import ledger
from tracker.models import LedgerError, Status, StatusChange

pytestmark = pytest.mark.django_db


def test_status_change_writes_entry_and_moves_status():
    demand = DemandFactory()
    author = editor(organisation=demand.organisation)

    entry = ledger.record_status_change(
        demand,
        Status.COMMITTED,
        by=author,
        public_note="Toegezegd in het debat.",
        internal_note="Bron: woordvoerder.",
        evidence_url="https://www.tweedekamer.nl/x",
    )

    demand.refresh_from_db()
    assert demand.status == Status.COMMITTED
    assert (entry.from_status, entry.to_status) == (Status.OPEN, Status.COMMITTED)
    assert entry.author == author
    assert entry.previous_hash == ledger.GENESIS
    assert list(demand.status_changes.all()) == [entry]


def test_entries_chain_across_demands_and_commitments():
    first = ledger.record_status_change(DemandFactory(), Status.ACKNOWLEDGED, None, "Reactie.")
    second = ledger.record_status_change(CommitmentFactory(), Status.ACHIEVED, None, "Gedaan.")

    assert second.previous_hash == first.entry_hash
    assert second.entry_hash == ledger.entry_hash(second)


def test_change_without_public_note_is_refused_and_nothing_is_written():
    demand = DemandFactory()

    with pytest.raises(ValidationError):
        ledger.record_status_change(demand, Status.ACHIEVED, by=None, public_note="  ")

    demand.refresh_from_db()
    assert demand.status == Status.OPEN
    assert not StatusChange.objects.exists()


def test_change_to_current_status_is_refused():
    demand = DemandFactory()
    with pytest.raises(ValidationError, match=demand.reference):
        ledger.record_status_change(demand, Status.OPEN, by=None, public_note="Nog steeds open.")
    assert not StatusChange.objects.exists()


def test_entry_cannot_be_changed_through_the_model():
    entry = ledger.record_status_change(DemandFactory(), Status.REJECTED, None, "Afgewezen.")

    entry.public_note = "Herschreven geschiedenis."
    with pytest.raises(LedgerError):
        entry.save()
    with pytest.raises(LedgerError):
        StatusChange.objects.filter(pk=entry.pk).update(public_note="Herschreven.")
    assert StatusChange.objects.get(pk=entry.pk).public_note == "Afgewezen."


def test_entry_cannot_be_deleted_through_the_model():
    demand = DemandFactory()
    entry = ledger.record_status_change(demand, Status.REJECTED, None, "Afgewezen.")

    with pytest.raises(LedgerError):
        entry.delete()
    with pytest.raises(LedgerError):
        StatusChange.objects.all().delete()
    with pytest.raises(Exception):  # noqa: B017 - PROTECT: a demand with history stays.
        demand.delete()
    assert StatusChange.objects.count() == 1


def test_verify_ledger_passes_on_an_intact_chain():
    demand = DemandFactory()
    ledger.record_status_change(demand, Status.ACKNOWLEDGED, None, "Ontvangen.")
    ledger.record_status_change(demand, Status.COMMITTED, None, "Toegezegd.")

    call_command("verify_ledger")  # raises CommandError if broken


def test_verify_ledger_names_an_entry_tampered_with_raw_sql():
    demand = DemandFactory()
    ledger.record_status_change(demand, Status.ACKNOWLEDGED, None, "Ontvangen.")
    tampered = ledger.record_status_change(demand, Status.COMMITTED, None, "Toegezegd.")
    ledger.record_status_change(demand, Status.ACHIEVED, None, "Bereikt.")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE tracker_statuschange SET public_note = %s WHERE id = %s",
            ["Nooit toegezegd.", tampered.pk],
        )

    with pytest.raises(CommandError, match=f"entry {tampered.pk}: its content"):
        call_command("verify_ledger")


def test_verify_ledger_names_the_entry_after_a_deleted_one():
    demand = DemandFactory()
    ledger.record_status_change(demand, Status.ACKNOWLEDGED, None, "Ontvangen.")
    removed = ledger.record_status_change(demand, Status.COMMITTED, None, "Toegezegd.")
    following = ledger.record_status_change(demand, Status.ACHIEVED, None, "Bereikt.")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM tracker_statuschange WHERE id = %s", [removed.pk])

    with pytest.raises(CommandError, match=f"entry {following.pk}: it does not point"):
        call_command("verify_ledger")


def test_deadline_pause_is_recorded_and_stops_overdue():
    demand = DemandFactory(deadline=datetime.date(2025, 10, 31))
    today = datetime.date(2025, 11, 15)
    assert demand.is_overdue(today)

    entry = ledger.record_deadline_change(
        demand, None, by=None, public_note="Gepauzeerd tot na de verkiezingen."
    )

    demand.refresh_from_db()
    assert demand.deadline is None
    assert not demand.is_overdue(today)
    assert (entry.from_deadline, entry.to_deadline) == (datetime.date(2025, 10, 31), None)
    assert entry.from_status == entry.to_status == Status.OPEN


def test_writer_that_read_a_stale_head_retries_on_the_new_one(monkeypatch):
    """Two writers reading the same head cannot both append: the second one retries."""
    first = ledger.record_status_change(DemandFactory(), Status.ACKNOWLEDGED, None, "Eén.")
    heads = iter([ledger.GENESIS])  # as if read before ``first`` was committed
    real_head = ledger.chain_head
    monkeypatch.setattr(ledger, "chain_head", lambda: next(heads, None) or real_head())

    second = ledger.record_status_change(DemandFactory(), Status.ACKNOWLEDGED, None, "Twee.")

    assert second.previous_hash == first.entry_hash
    call_command("verify_ledger")
