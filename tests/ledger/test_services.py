"""The one door: every change is an entry, written with the new values, or nothing is."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from ledger import chain, services
from ledger.models import Entry
from ledger.verify import entry_hash_of, verify
from tests.factories import ActorFactory, DemandFactory, StatementFactory, editor
from tracker.models import Response, Status

pytestmark = pytest.mark.django_db


def test_an_item_enters_the_ledger_with_everything_it_says_publicly():
    actor = ActorFactory(slug="coa")
    demand = DemandFactory(title_nl="Kinderen eruit", addressees=[actor], target_value=600)

    (entry,) = demand.entries.all()

    assert entry.kind == Entry.Kind.CREATED and entry.seq == 1
    assert entry.changes["title_nl"] == [None, "Kinderen eruit"]
    assert entry.changes["addressees"] == [None, ["coa"]]
    assert entry.changes["target_value"] == [None, "600"]
    assert "owner" not in entry.changes and "priority" not in entry.changes
    assert entry.previous_hash == chain.GENESIS


def test_status_change_writes_entry_and_moves_status():
    demand = DemandFactory()
    author = editor(organisation=demand.organisation)

    entry = services.record_status_change(
        demand,
        Status.IN_PROGRESS,
        by=author,
        public_note="De taskforce is ingesteld.",
        internal_note="Bron: woordvoerder.",
        evidence_url="https://www.tweedekamer.nl/x",
        occurred_on=datetime.date(2025, 10, 2),
    )

    demand.refresh_from_db()
    assert demand.status == Status.IN_PROGRESS
    assert entry.changes == {"status": ["open", "in_progress"]}
    assert (entry.author, entry.occurred_on) == (author, datetime.date(2025, 10, 2))
    assert entry.previous_hash == demand.entries.get(kind=Entry.Kind.CREATED).entry_hash
    assert entry_hash_of(entry) == entry.entry_hash


def test_entries_chain_across_demands_and_statements():
    first = DemandFactory().entries.get()
    second = StatementFactory().entries.get()
    third = services.record_status_change(
        second.statement, Status.ACHIEVED, by=None, public_note="Gedaan."
    )
    assert [first.seq, second.seq, third.seq] == [1, 2, 3]
    assert second.previous_hash == first.entry_hash
    assert third.previous_hash == second.entry_hash


def test_change_without_public_note_is_refused_and_nothing_is_written():
    demand = DemandFactory()

    with pytest.raises(ValidationError):
        services.record_status_change(demand, Status.ACHIEVED, by=None, public_note="  ")

    demand.refresh_from_db()
    assert demand.status == Status.OPEN
    assert demand.entries.count() == 1


def test_change_to_current_status_or_an_unknown_one_is_refused():
    demand = DemandFactory()
    with pytest.raises(ValidationError, match=demand.reference):
        services.record_status_change(demand, Status.OPEN, by=None, public_note="Nog open.")
    with pytest.raises(ValidationError):
        services.record_status_change(demand, "committed", by=None, public_note="Oud woord.")
    assert demand.entries.count() == 1


def test_a_response_is_recorded_apart_from_the_status_with_document_and_words():
    demand = DemandFactory()

    entry = services.record_response(
        demand,
        Response.REJECTED,
        by=None,
        responded_on=datetime.date(2025, 9, 16),
        source=demand.source,
        quote="Het kabinet kiest er niet voor.",
    )

    demand.refresh_from_db()
    assert (demand.status, demand.response) == (Status.OPEN, Response.REJECTED)
    assert demand.responded_on == datetime.date(2025, 9, 16)
    assert entry.changes == {"response": ["none", "rejected"], "responded_on": [None, "2025-09-16"]}
    assert entry.occurred_on == datetime.date(2025, 9, 16) and entry.source == demand.source


def test_a_response_needs_its_day_and_its_words_or_a_note():
    demand = DemandFactory()
    with pytest.raises(ValidationError):
        services.record_response(demand, Response.ACCEPTED, by=None, responded_on=None, quote="Ja.")
    with pytest.raises(ValidationError):
        services.record_response(
            demand, Response.ACCEPTED, by=None, responded_on=datetime.date(2025, 9, 1)
        )
    assert demand.entries.count() == 1


def test_a_paused_deadline_is_not_overdue_and_the_history_says_why():
    demand = DemandFactory(deadline=datetime.date(2020, 1, 1))
    assert demand.is_overdue()

    entry = services.record_deadline_change(
        demand, None, by=None, public_note="Gepauzeerd tot de nieuwe wet er is."
    )

    demand.refresh_from_db()
    assert demand.deadline is None and not demand.is_overdue()
    assert entry.changes == {"deadline": ["2020-01-01", None]}


def test_a_revision_records_the_old_and_new_words_and_its_reason():
    actor = ActorFactory(slug="gemeenten")
    demand = DemandFactory(title_nl="Oud", quote="Oude tekst.")

    entry = services.update(
        demand,
        {"title_nl": "Nieuw", "addressees": [actor], "priority": "high"},
        by=None,
        public_note="Titel gelijkgetrokken met de brief.",
    )

    demand.refresh_from_db()
    assert demand.title_nl == "Nieuw" and demand.priority == "high"
    assert entry.kind == Entry.Kind.REVISED
    assert entry.changes == {"title_nl": ["Oud", "Nieuw"], "addressees": [[], ["gemeenten"]]}


def test_a_revision_without_a_reason_is_refused():
    demand = DemandFactory(title_nl="Oud")
    with pytest.raises(ValidationError):
        services.update(demand, {"title_nl": "Nieuw"}, by=None, public_note="")
    demand.refresh_from_db()
    assert demand.title_nl == "Oud"


def test_status_and_deadline_are_never_changed_by_an_update():
    demand = DemandFactory()
    with pytest.raises(ValueError):
        services.update(demand, {"status": Status.ACHIEVED}, by=None, public_note="Gedaan.")


def test_a_change_from_an_out_of_date_copy_is_refused():
    demand = DemandFactory()
    opened = demand.version
    services.record_status_change(demand, Status.IN_PROGRESS, by=None, public_note="Begonnen.")

    with pytest.raises(services.StaleEdit):
        services.record_status_change(
            demand, Status.ACHIEVED, by=None, public_note="Gedaan.", expected_version=opened
        )
    demand.refresh_from_db()
    assert demand.status == Status.IN_PROGRESS


def test_a_change_starts_from_the_database_not_from_the_callers_copy():
    demand = DemandFactory()
    stale_copy = type(demand).objects.get(pk=demand.pk)
    services.record_status_change(demand, Status.IN_PROGRESS, by=None, public_note="Begonnen.")

    entry = services.record_status_change(
        stale_copy, Status.ACHIEVED, by=None, public_note="Gedaan."
    )

    assert entry.changes == {"status": ["in_progress", "achieved"]}


def test_a_correction_points_at_the_wrong_entry_and_restores_what_it_replaced():
    demand = DemandFactory()
    wrong = services.record_status_change(
        demand, Status.ACHIEVED, by=None, public_note="Per abuis."
    )

    correction = services.record_correction(
        wrong, {"status": Status.OPEN}, by=None, public_note="Verkeerde eis aangeklikt."
    )

    demand.refresh_from_db()
    assert demand.status == Status.OPEN
    assert correction.corrects == wrong and correction.changes == {"status": ["achieved", "open"]}
    assert list(wrong.corrections.all()) == [correction]
    assert verify().intact


def test_many_items_enter_at_once_as_they_would_one_by_one():
    demands = [DemandFactory.build(reference=f"BLK-2025-{n:02d}") for n in range(1, 4)]
    for demand in demands:
        demand.source.save()
        demand.organisation.save()
        demand.source_id, demand.organisation_id = demand.source.pk, demand.organisation.pk
    actor = ActorFactory(slug="ind")

    entries = services.enter_many(demands, relations={"addressees": [[actor], [], [actor]]})

    assert [entry.seq for entry in entries] == [1, 2, 3]
    assert entries[0].changes["addressees"] == [None, ["ind"]]
    assert verify().intact


def _tomorrow() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (
            lambda demand, by, day: services.record_status_change(
                demand, Status.ACHIEVED, by=by, public_note="Bereikt.", occurred_on=day
            ),
            "occurred_on",
        ),
        (
            lambda demand, by, day: services.record_status_changes(
                [demand], Status.ACHIEVED, by=by, public_note="Bereikt.", occurred_on=day
            ),
            "occurred_on",
        ),
        (
            lambda demand, by, day: services.record_deadline_change(
                demand, None, by=by, public_note="Gepauzeerd.", occurred_on=day
            ),
            "occurred_on",
        ),
        (
            lambda demand, by, day: services.update(
                demand, {"title_nl": "Nieuw"}, by=by, public_note="Tikfout.", occurred_on=day
            ),
            "occurred_on",
        ),
        (
            lambda demand, by, day: services.record_response(
                demand, Response.ACCEPTED, by=by, responded_on=day, quote="Ja."
            ),
            "responded_on",
        ),
    ],
)
def test_an_event_dated_after_today_is_refused_on_its_field_and_nothing_is_written(change, field):
    demand = DemandFactory()
    author = editor(organisation=demand.organisation)
    before = list(Entry.objects.values_list("seq", flat=True))

    with pytest.raises(ValidationError) as refused:
        change(demand, author, _tomorrow())

    assert list(refused.value.message_dict) == [field]
    assert "ligt na vandaag" in refused.value.message_dict[field][0]
    assert list(Entry.objects.values_list("seq", flat=True)) == before
    demand.refresh_from_db()
    assert (demand.status, demand.version) == (Status.OPEN, 1)


def test_a_new_item_dated_after_today_is_not_entered():
    demand = DemandFactory.build()

    with pytest.raises(ValidationError) as refused:
        services.enter(demand, by=None, occurred_on=_tomorrow())

    assert "occurred_on" in refused.value.message_dict
    assert not Entry.objects.exists()


def test_today_is_read_in_the_sites_time_zone():
    demand = DemandFactory()
    author = editor(organisation=demand.organisation)
    # 23:30 in UTC on 31 December is already 1 January in Amsterdam.
    with time_machine.travel(datetime.datetime(2025, 12, 31, 23, 30, tzinfo=datetime.UTC)):
        entry = services.record_status_change(
            demand,
            Status.IN_PROGRESS,
            by=author,
            public_note="Begonnen.",
            occurred_on=datetime.date(2026, 1, 1),
        )
        with pytest.raises(ValidationError):
            services.record_status_change(
                demand,
                Status.ACHIEVED,
                by=author,
                public_note="Bereikt.",
                occurred_on=datetime.date(2026, 1, 2),
            )

    assert entry.occurred_on == datetime.date(2026, 1, 1)
