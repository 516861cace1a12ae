"""Where an item stood at a moment, read from its ledger entries."""

import datetime

import pytest
import time_machine

from tests.factories import DemandFactory
from tracker import ledger
from tracker.history import status_on

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


@pytest.fixture
def demand():
    demand = DemandFactory()
    with time_machine.travel(datetime.datetime(2025, 9, 10, tzinfo=UTC)):
        ledger.record_status_change(demand, "acknowledged", by=None, public_note="Antwoord.")
    with time_machine.travel(datetime.datetime(2025, 10, 10, tzinfo=UTC)):
        ledger.record_status_change(demand, "committed", by=None, public_note="Toezegging.")
    return demand


def test_status_on_a_day_is_that_of_the_last_entry_up_to_it(demand):
    moment = datetime.datetime(2025, 9, 23, tzinfo=UTC)
    assert status_on(demand.status, demand.status_changes.all(), moment) == "acknowledged"


def test_status_before_any_entry_is_where_the_first_entry_started(demand):
    moment = datetime.datetime(2025, 9, 1, tzinfo=UTC)
    assert status_on(demand.status, demand.status_changes.all(), moment) == "open"


def test_status_of_an_item_without_entries_is_its_current_status():
    moment = datetime.datetime(2025, 9, 1, tzinfo=UTC)
    assert status_on("committed", [], moment) == "committed"
