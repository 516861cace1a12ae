"""Who is owed which reminder, when: the planning step, with time travel."""

import datetime

import pytest
import time_machine

from accounts.models import Role
from reminders.planning import plan_reminders
from tests.factories import (
    DemandFactory,
    MeetingFactory,
    StatementFactory,
    UserFactory,
    coordinator,
)
from tracker.models import Reminder

from .conftest import local, planned

pytestmark = pytest.mark.django_db

DIGEST = Reminder.Kind.MEETING_DIGEST
BEFORE = Reminder.Kind.DEADLINE_BEFORE
DAY = Reminder.Kind.DEADLINE_DAY
WEEKLY = Reminder.Kind.OVERDUE_WEEKLY
SUMMARY = Reminder.Kind.COORDINATOR_SUMMARY

D = datetime.date


def plan_at(moment) -> int:
    with time_machine.travel(moment, tick=False):
        return plan_reminders()


def meeting_with_agenda(starts_at, *demands, **kwargs):
    meeting = MeetingFactory(slug="debate", starts_at=starts_at, **kwargs)
    meeting.demands.set(demands)
    return meeting


@pytest.fixture
def owner():
    # Deadline reminders off, so that these tests see the meeting digests alone.
    return UserFactory(email="owner@example.org", deadline_reminders=False)


def test_digest_seven_days_and_one_day_before_the_meeting(owner):
    demand = DemandFactory(owner=owner, deadline=D(2025, 9, 1))
    meeting_with_agenda(local(2025, 9, 23, 14), demand)

    assert plan_at(local(2025, 9, 15, 12)) == 0
    assert plan_at(local(2025, 9, 16, 7)) == 1
    assert plan_at(local(2025, 9, 16, 18)) == 0
    assert plan_at(local(2025, 9, 20)) == 0
    assert plan_at(local(2025, 9, 22, 0, 5)) == 1
    assert plan_at(local(2025, 9, 23, 13)) == 0
    assert planned() == {
        (DIGEST, "owner@example.org", "debate", D(2025, 9, 16)),
        (DIGEST, "owner@example.org", "debate", D(2025, 9, 22)),
    }


def test_missed_reminder_day_is_caught_up_once(owner):
    """The server was down on the 7-day mark: the next sweep sends that digest, not two."""
    demand = DemandFactory(owner=owner, deadline=D(2025, 9, 1))
    meeting_with_agenda(local(2025, 9, 23, 14), demand)

    plan_at(local(2025, 9, 19))

    assert planned() == {(DIGEST, "owner@example.org", "debate", D(2025, 9, 16))}


def test_meeting_own_reminder_days(owner):
    demand = DemandFactory(owner=owner, deadline=D(2025, 9, 1))
    meeting_with_agenda(local(2025, 9, 23, 14), demand, reminder_days="3")

    assert plan_at(local(2025, 9, 19)) == 0
    assert plan_at(local(2025, 9, 20)) == 1
    assert planned() == {(DIGEST, "owner@example.org", "debate", D(2025, 9, 20))}


def test_no_digest_after_the_meeting_began(owner):
    demand = DemandFactory(owner=owner, deadline=D(2025, 9, 1))
    meeting_with_agenda(local(2025, 9, 23, 14), demand)

    assert plan_at(local(2025, 9, 23, 14, 1)) == 0


def test_a_digest_for_every_owner_of_an_open_agenda_item_whatever_its_deadline(owner):
    other = UserFactory(email="other@example.org", deadline_reminders=False)
    third = UserFactory(email="third@example.org", deadline_reminders=False)
    meeting_with_agenda(
        local(2025, 9, 23, 14),
        DemandFactory(owner=owner, deadline=D(2025, 9, 23)),  # due on the meeting's day
        DemandFactory(owner=other, deadline=D(2025, 9, 24)),  # due after it
        DemandFactory(owner=third, deadline=None),
    )
    DemandFactory(owner=other, deadline=D(2025, 9, 1))  # overdue, but not on the agenda

    plan_at(local(2025, 9, 22))

    assert planned() == {
        (DIGEST, email, "debate", D(2025, 9, 22))
        for email in ("owner@example.org", "other@example.org", "third@example.org")
    }


def test_one_digest_per_owner_whatever_the_number_of_demands(owner):
    meeting_with_agenda(
        local(2025, 9, 23, 14),
        *(DemandFactory(owner=owner, deadline=D(2025, 9, day)) for day in (1, 2, 20)),
    )

    assert plan_at(local(2025, 9, 22)) == 1


@pytest.mark.parametrize("status", ["achieved", "not_achieved", "withdrawn"])
def test_final_statuses_are_excluded(status):
    owner = UserFactory(email="owner@example.org")
    demand = DemandFactory(owner=owner, deadline=D(2025, 9, 1), status=status)
    meeting_with_agenda(local(2025, 9, 23, 14), demand)
    StatementFactory(owner=owner, deadline=D(2025, 9, 22), status=status)

    assert plan_at(local(2025, 9, 22)) == 0


def test_unpublished_demands_are_included():
    owner = UserFactory(email="owner@example.org")
    demand = DemandFactory(owner=owner, deadline=D(2025, 9, 8), is_published=False)
    meeting_with_agenda(local(2025, 9, 23, 14), demand)

    plan_at(local(2025, 9, 22))

    assert planned() == {
        (DIGEST, "owner@example.org", "debate", D(2025, 9, 22)),
        (WEEKLY, "owner@example.org", "coalition", D(2025, 9, 22)),
    }


@pytest.mark.parametrize("whom", [{"email": ""}, {"is_active": False}])
def test_owners_without_an_address_or_inactive_get_nothing(whom):
    owner = UserFactory(**whom)
    demand = DemandFactory(owner=owner, deadline=D(2025, 9, 22))
    meeting_with_agenda(local(2025, 9, 23, 14), demand)

    assert plan_at(local(2025, 9, 22)) == 0


def test_items_without_owner_get_nothing():
    meeting_with_agenda(local(2025, 9, 23, 14), DemandFactory(owner=None, deadline=D(2025, 9, 1)))

    assert plan_at(local(2025, 9, 22)) == 0


def test_opted_out_owner_still_gets_the_meeting_digest(owner):
    demand = DemandFactory(owner=owner, deadline=D(2025, 9, 22))
    meeting_with_agenda(local(2025, 9, 23, 14), demand)
    StatementFactory(owner=owner, deadline=D(2025, 9, 22))

    plan_at(local(2025, 9, 22))

    assert planned() == {(DIGEST, "owner@example.org", "debate", D(2025, 9, 22))}


@pytest.mark.parametrize("factory", [DemandFactory, StatementFactory])
def test_deadline_reminders_before_on_the_day_and_weekly_while_overdue(factory):
    owner = UserFactory(email="owner@example.org")
    item = factory(owner=owner, deadline=D(2025, 10, 10))  # A Friday.
    ref = item.reference
    days = {
        D(2025, 10, 2): set(),
        D(2025, 10, 3): {(BEFORE, ref, D(2025, 10, 3))},
        D(2025, 10, 9): set(),
        D(2025, 10, 10): {(DAY, ref, D(2025, 10, 10))},
        D(2025, 10, 11): set(),
        # Mondays: the owner's weekly digest of everything overdue, not one per item.
        D(2025, 10, 13): {(WEEKLY, "coalition", D(2025, 10, 13))},
        D(2025, 10, 16): set(),
        D(2025, 10, 20): {(WEEKLY, "coalition", D(2025, 10, 20))},
    }
    seen = set()
    for day, new in days.items():
        plan_at(local(day.year, day.month, day.day, 8))
        expected = {(kind, "owner@example.org", what, period) for kind, what, period in new}
        assert planned() - seen == expected, day
        seen = planned()


def test_one_weekly_digest_for_an_owner_however_many_items_are_overdue():
    owner = UserFactory(email="owner@example.org")
    DemandFactory.create_batch(3, owner=owner, deadline=D(2025, 9, 1))
    StatementFactory(owner=owner, deadline=D(2025, 9, 2))

    assert plan_at(local(2025, 10, 13, 8)) == 1
    assert planned() == {(WEEKLY, "owner@example.org", "coalition", D(2025, 10, 13))}


def test_late_first_sweep_plans_the_reminder_of_the_current_window():
    owner = UserFactory(email="owner@example.org")
    soon = DemandFactory(owner=owner, deadline=D(2025, 10, 10))
    DemandFactory(owner=owner, deadline=D(2025, 9, 26))

    plan_at(local(2025, 10, 6))

    assert planned() == {
        (BEFORE, "owner@example.org", soon.reference, D(2025, 10, 3)),
        (WEEKLY, "owner@example.org", "coalition", D(2025, 10, 6)),
    }


def test_moved_deadline_is_a_new_occasion():
    owner = UserFactory(email="owner@example.org")
    demand = DemandFactory(owner=owner, deadline=D(2025, 10, 10))
    plan_at(local(2025, 10, 10))
    demand.deadline = D(2025, 10, 12)
    demand.save()

    assert plan_at(local(2025, 10, 10, 15)) == 1
    assert Reminder.objects.filter(deadline=D(2025, 10, 12), kind=BEFORE).exists()


def test_days_before_deadline_is_configurable(settings):
    settings.REMINDER_DAYS_BEFORE_DEADLINE = 3
    owner = UserFactory(email="owner@example.org")
    DemandFactory(owner=owner, deadline=D(2025, 10, 10))

    assert plan_at(local(2025, 10, 6)) == 0
    assert plan_at(local(2025, 10, 7)) == 1


def test_planning_twice_creates_nothing():
    owner = UserFactory(email="owner@example.org")
    demand = DemandFactory(owner=owner, deadline=D(2025, 9, 1))
    meeting_with_agenda(local(2025, 9, 23, 14), demand)
    coordinator(email="chair@example.org")

    first = plan_at(local(2025, 9, 22))
    second = plan_at(local(2025, 9, 22))

    assert (first, second) == (3, 0)
    assert Reminder.objects.count() == 3


class TestDaylightSavingTime:
    """The local day decides, not the UTC day: 00:30 in Amsterdam is still 22:30 UTC."""

    def test_autumn_change_weekend(self, owner):
        # Clocks go back on Sunday 26 October 2025, 03:00 CEST -> 02:00 CET.
        demand = DemandFactory(owner=owner, deadline=D(2025, 10, 1))
        meeting_with_agenda(local(2025, 10, 27, 10), demand)

        plan_at(datetime.datetime(2025, 10, 25, 21, 30, tzinfo=datetime.UTC))  # Sat 23:30
        assert planned() == {(DIGEST, "owner@example.org", "debate", D(2025, 10, 20))}

        plan_at(datetime.datetime(2025, 10, 25, 22, 30, tzinfo=datetime.UTC))  # Sun 00:30
        assert (DIGEST, "owner@example.org", "debate", D(2025, 10, 26)) in planned()

    def test_spring_change_weekend(self, owner):
        # Clocks go forward on Sunday 29 March 2026, 02:00 CET -> 03:00 CEST.
        demand = DemandFactory(owner=owner, deadline=D(2026, 3, 1))
        meeting_with_agenda(local(2026, 3, 30, 9), demand)

        plan_at(datetime.datetime(2026, 3, 28, 22, 59, tzinfo=datetime.UTC))  # Sat 23:59 CET
        assert planned() == {(DIGEST, "owner@example.org", "debate", D(2026, 3, 23))}

        plan_at(datetime.datetime(2026, 3, 28, 23, 0, tzinfo=datetime.UTC))  # Sun 00:00 CET
        assert (DIGEST, "owner@example.org", "debate", D(2026, 3, 29)) in planned()

    def test_deadline_on_the_change_day(self):
        owner = UserFactory(email="owner@example.org")
        demand = DemandFactory(owner=owner, deadline=D(2025, 10, 26))

        plan_at(datetime.datetime(2025, 10, 25, 22, 5, tzinfo=datetime.UTC))  # Sun 00:05 CEST
        assert planned() == {(DAY, "owner@example.org", demand.reference, D(2025, 10, 26))}

        # 23:30 CET on Sunday is 22:30 UTC, still the deadline day: nothing new.
        assert plan_at(datetime.datetime(2025, 10, 26, 22, 30, tzinfo=datetime.UTC)) == 0


class TestCoordinatorSummary:
    def test_weekly_from_monday(self):
        coordinator(email="chair@example.org")
        UserFactory(email="editor@example.org", role=Role.EDITOR)

        assert plan_at(local(2025, 9, 22, 6)) == 1  # Monday
        assert plan_at(local(2025, 9, 24)) == 0  # Wednesday, same week
        assert plan_at(local(2025, 9, 29, 6)) == 1  # next Monday
        assert planned() == {
            (SUMMARY, "chair@example.org", "coalition", D(2025, 9, 22)),
            (SUMMARY, "chair@example.org", "coalition", D(2025, 9, 29)),
        }

    def test_missed_monday_is_caught_up_in_the_week(self):
        coordinator(email="chair@example.org")

        plan_at(local(2025, 9, 25))

        assert planned() == {(SUMMARY, "chair@example.org", "coalition", D(2025, 9, 22))}
