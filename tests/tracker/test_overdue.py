"""Overdue is derived: the deadline day has passed in Europe/Amsterdam and the item is open."""

import datetime
import zoneinfo

import pytest
import time_machine

from ledger import services as ledger
from tests.factories import DemandFactory, StatementFactory
from tracker.models import Demand, Status, local_today

pytestmark = pytest.mark.django_db
AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
DEADLINE = datetime.date(2025, 10, 31)


def at_amsterdam(*args):
    return datetime.datetime(*args, tzinfo=AMSTERDAM)


@pytest.mark.parametrize(
    ("moment", "overdue"),
    [
        (at_amsterdam(2025, 10, 31, 0, 0), False),
        (at_amsterdam(2025, 10, 31, 23, 59, 59), False),  # 22:59 UTC: still the deadline day
        (at_amsterdam(2025, 11, 1, 0, 0, 1), True),  # 23:00 UTC on the 31st: already past
        (at_amsterdam(2025, 11, 20, 12, 0), True),
    ],
)
def test_overdue_turns_at_midnight_in_amsterdam(moment, overdue):
    demand = DemandFactory(deadline=DEADLINE)
    with time_machine.travel(moment, tick=False):
        assert (demand in Demand.objects.overdue()) is overdue
        assert demand.is_overdue() is overdue
        assert Demand.objects.with_overdue().get(pk=demand.pk).overdue is overdue


def test_local_today_follows_amsterdam_not_utc():
    with time_machine.travel(datetime.datetime(2025, 10, 31, 23, 30, tzinfo=datetime.UTC)):
        assert local_today() == datetime.date(2025, 11, 1)


@pytest.mark.parametrize("final", sorted(Status.final()))
def test_final_items_are_never_overdue(final):
    demand = DemandFactory(deadline=DEADLINE)
    ledger.record_status_change(demand, final, by=None, public_note="Afgerond.")
    today = datetime.date(2026, 1, 1)
    assert not Demand.objects.overdue(today).exists()
    assert not demand.is_overdue(today)


def test_items_without_deadline_are_never_overdue():
    DemandFactory(deadline=None)
    assert not Demand.objects.overdue(datetime.date(2030, 1, 1)).exists()


def test_commitments_share_the_rule():
    commitment = StatementFactory(deadline=DEADLINE)
    assert commitment.is_overdue(datetime.date(2025, 11, 1))
    assert not commitment.is_overdue(DEADLINE)
