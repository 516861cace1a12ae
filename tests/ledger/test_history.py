"""Where an item stood at a moment, read from its ledger entries."""

import datetime

import pytest
import time_machine

from ledger import services as ledger
from ledger.history import last_recorded, status_on, value_on
from tests.factories import DemandFactory, SourceFactory

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


@pytest.fixture
def demand():
    demand = DemandFactory()
    with time_machine.travel(datetime.datetime(2025, 9, 10, tzinfo=UTC)):
        ledger.record_status_change(demand, "in_progress", by=None, public_note="Begonnen.")
    with time_machine.travel(datetime.datetime(2025, 10, 10, tzinfo=UTC)):
        ledger.record_status_change(demand, "achieved", by=None, public_note="Gedaan.")
    return demand


def test_status_on_a_day_is_that_of_the_last_entry_up_to_it(demand):
    moment = datetime.datetime(2025, 9, 23, tzinfo=UTC)
    assert status_on(demand.status, demand.entries.all(), moment) == "in_progress"


def test_status_before_any_entry_is_where_the_first_entry_started(demand):
    moment = datetime.datetime(2025, 9, 1, tzinfo=UTC)
    assert status_on(demand.status, demand.entries.all(), moment) == "open"


def test_status_of_an_item_without_entries_is_its_current_status():
    moment = datetime.datetime(2025, 9, 1, tzinfo=UTC)
    assert status_on("in_progress", [], moment) == "in_progress"


def test_an_entry_counts_from_the_day_it_happened_not_the_day_it_was_recorded():
    demand = DemandFactory()
    with time_machine.travel(datetime.datetime(2025, 11, 1, tzinfo=UTC)):
        ledger.record_status_change(
            demand,
            "in_progress",
            by=None,
            public_note="Kamerbrief van 16 september.",
            occurred_on=datetime.date(2025, 9, 16),
        )
    debate = datetime.datetime(2025, 9, 23, 10, tzinfo=UTC)
    assert status_on(demand.status, demand.entries.all(), debate) == "in_progress"
    before = datetime.datetime(2025, 9, 15, 10, tzinfo=UTC)
    assert status_on(demand.status, demand.entries.all(), before) == "open"


def test_the_response_on_a_day_is_read_like_the_status():
    demand = DemandFactory()
    with time_machine.travel(datetime.datetime(2025, 11, 1, tzinfo=UTC)):
        ledger.record_response(
            demand,
            "rejected",
            by=None,
            responded_on=datetime.date(2025, 9, 16),
            quote="Het kabinet ziet geen aanleiding.",
        )
    entries = demand.entries.all()
    assert (
        value_on("response", demand.response, entries, datetime.datetime(2025, 9, 15, tzinfo=UTC))
        == "none"
    )
    assert (
        value_on("response", demand.response, entries, datetime.datetime(2025, 9, 23, tzinfo=UTC))
        == "rejected"
    )


def test_last_recorded_gives_the_document_and_words_of_the_last_change():
    demand = DemandFactory()
    letter = SourceFactory()
    assert last_recorded(demand.entries.all(), "response") is None  # entered, never answered
    ledger.record_response(
        demand,
        "accepted",
        by=None,
        responded_on=datetime.date(2025, 9, 16),
        source=letter,
        quote="Wij nemen dit over.",
    )
    record = last_recorded(demand.entries.all(), "response")
    assert (record.happened_on, record.source, record.quote) == (
        datetime.date(2025, 9, 16),
        letter,
        "Wij nemen dit over.",
    )


def test_a_correction_without_a_document_keeps_that_of_the_entry_it_corrects():
    demand = DemandFactory()
    letter = SourceFactory()
    wrong = ledger.record_response(
        demand,
        "accepted",
        by=None,
        responded_on=datetime.date(2025, 9, 16),
        source=letter,
        quote="Wij nemen dit gedeeltelijk over.",
    )
    correction = ledger.record_correction(
        wrong, {"response": "partly_accepted"}, by=None, public_note="Alleen een deel."
    )
    record = last_recorded(demand.entries.all(), "response")
    assert record.entry == correction
    assert (record.source, record.quote) == (letter, "Wij nemen dit gedeeltelijk over.")
    assert record.happened_on == datetime.date(2025, 9, 16)
