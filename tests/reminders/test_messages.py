"""What the e-mails say: the current data, in the recipient's language and local time."""

import datetime

import pytest
import time_machine
from django.core import mail

from ledger import services as ledger
from reminders.sending import sweep
from tests.factories import (
    DemandFactory,
    MeetingFactory,
    OrganisationFactory,
    StatementFactory,
    UserFactory,
    coordinator,
)
from tracker.models import Meeting, Reminder

from .conftest import local

pytestmark = pytest.mark.django_db

D = datetime.date


def sweep_at(moment):
    with time_machine.travel(moment, tick=False):
        sweep()
    return mail.outbox


def html(message) -> str:
    ((content, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    return content


@pytest.fixture
def agenda():
    owner = UserFactory(
        email="owner@example.org", name="Sanne", language="en", deadline_reminders=False
    )
    overdue = DemandFactory(owner=owner, deadline=D(2025, 10, 1), title_en="Move 600 children")
    due = DemandFactory(owner=owner, deadline=D(2025, 10, 27), title_en="Set up a taskforce")
    meeting = MeetingFactory(
        slug="debate",
        title_en="Committee debate",
        title_nl="Commissiedebat",
        starts_at=local(2025, 10, 27, 10),
    )
    meeting.demands.set([overdue, due])
    return owner, overdue, due


def test_digest_lists_overdue_and_due_soon_with_status_update_and_admin_link(agenda):
    owner, overdue, due = agenda

    (message,) = sweep_at(local(2025, 10, 26, 8))

    assert message.to == ["owner@example.org"]
    assert message.subject == (
        "Before Committee debate on Oct. 27, 2025: 2 of your demands are on its agenda"
    )
    body = message.body
    assert (
        body.index(overdue.reference)
        < body.index("Due before the meeting")
        < body.index(due.reference)
    )
    assert f"https://tracker.example.org/admin/tracker/demand/{overdue.pk}/change/" in body
    assert "Status: Open" in body
    assert "25 days overdue" in body
    assert "Last update" in body
    assert f'href="https://tracker.example.org/admin/tracker/demand/{due.pk}/change/"' in html(
        message
    )
    assert message.extra_headers["Content-Language"] == "en"
    assert message.extra_headers["X-Reminder-Kind"] == "meeting_digest"


def test_meeting_time_is_amsterdam_time_across_the_autumn_change(agenda):
    # Sent in summer time (CEST) for a meeting after the change (CET): still 10:00.
    (message,) = sweep_at(local(2025, 10, 20, 8))

    assert "Monday 27 October 2025, 10:00" in message.body
    assert "Monday 27 October 2025, 10:00" in html(message)


def test_a_meeting_without_a_time_is_announced_by_its_day_alone(agenda):
    Meeting.objects.filter(slug="debate").update(time=None)

    (message,) = sweep_at(local(2025, 10, 20, 8))

    assert "takes place on Monday 27 October 2025." in message.body
    assert "00:00" not in message.body and "00:00" not in html(message)


def test_last_update_is_the_latest_ledger_entry(agenda):
    owner, overdue, due = agenda
    ledger.record_status_change(
        overdue, "in_progress", by=owner, public_note="The minister presented a plan."
    )

    (message,) = sweep_at(local(2025, 10, 26, 8))

    assert "Status: In progress" in message.body
    assert "The minister presented a plan." in message.body


def test_dutch_recipient_gets_dutch_dates(agenda):
    owner, *_ = agenda
    owner.language = "nl"
    owner.save()

    (message,) = sweep_at(local(2025, 10, 26, 8))

    assert message.extra_headers["Content-Language"] == "nl"
    assert "maandag 27 oktober 2025, 10:00" in message.body
    assert "27 oktober 2025" in message.subject


def test_deadline_reminders_for_demands_and_commitments():
    owner = UserFactory(email="owner@example.org", language="en")
    demand = DemandFactory(owner=owner, deadline=D(2025, 10, 10))
    commitment = StatementFactory(owner=owner, deadline=D(2025, 10, 3))

    messages = sweep_at(local(2025, 10, 3, 8))

    assert sorted(m.subject for m in messages) == [
        f"Deadline in 7 days: {demand.reference}",
        f"Deadline today: {commitment.reference}",
    ]
    links = {m.subject: m.body for m in messages}
    assert (
        f"/admin/tracker/statement/{commitment.pk}/change/"
        in links[f"Deadline today: {commitment.reference}"]
    )
    assert "/accounts/profile/" in messages[0].body


def test_the_weekly_overdue_digest_lists_all_of_an_owners_overdue_items_in_one_email():
    owner = UserFactory(email="owner@example.org", language="en")
    demands = [DemandFactory(owner=owner, deadline=D(2025, 10, day)) for day in (3, 6)]
    promise = StatementFactory(owner=owner, deadline=D(2025, 9, 30))
    DemandFactory(owner=owner, deadline=D(2025, 10, 1), status="achieved")

    (message,) = sweep_at(local(2025, 10, 20, 8))  # A Monday.

    assert message.subject == "Overdue: 3 of your items need attention"
    body = message.body
    assert body.index(promise.reference) < body.index(demands[0].reference)
    assert "17 days overdue" in body and "14 days overdue" in body


def test_coordinator_summary_lists_everything_overdue_by_organisation():
    chair = coordinator(email="chair@example.org", language="en")
    defence = OrganisationFactory(name="Defence for Children")
    unicef = OrganisationFactory(name="Save the Children")
    late = [
        DemandFactory(organisation=unicef, deadline=D(2025, 9, 1)),
        DemandFactory(organisation=defence, deadline=D(2025, 9, 2), is_published=False),
        StatementFactory(organisation=defence, deadline=D(2025, 9, 3)),
    ]
    DemandFactory(organisation=defence, deadline=D(2025, 9, 1), status="achieved")
    DemandFactory(organisation=defence, deadline=D(2025, 12, 1))

    (message,) = sweep_at(local(2025, 9, 22, 7))

    assert message.to == [chair.email]
    assert message.subject == "Weekly summary: 3 items overdue across the coalition"
    body = message.body
    assert body.index("Defence for Children: 2") < body.index("Save the Children: 1")
    for item in late:
        assert item.reference in body
    assert "/admin/tracker/demand/?overdue=yes&organisation=all" in body


def test_the_coordinators_summary_stays_short_however_much_is_overdue(
    settings, django_assert_max_num_queries
):
    from reminders import messages as reminders

    chair = coordinator(email="chair@example.org", language="en")
    DemandFactory.create_batch(reminders.SUMMARY_LONGEST + 15, deadline=D(2025, 9, 1))

    (message,) = sweep_at(local(2025, 9, 22, 7))

    assert message.to == [chair.email]
    assert "35 items overdue" in message.subject
    assert message.body.count("/admin/tracker/demand/") == reminders.SUMMARY_LONGEST + 1


def test_nothing_is_sent_twice_in_one_day():
    owner = UserFactory(email="owner@example.org")
    DemandFactory(owner=owner, deadline=D(2025, 10, 10))

    sweep_at(local(2025, 10, 10, 8))
    sweep_at(local(2025, 10, 10, 20))

    assert len(mail.outbox) == 1
    assert Reminder.objects.get().state == Reminder.State.SENT


def test_meeting_time_is_amsterdam_time_across_the_spring_change():
    owner = UserFactory(email="owner@example.org", language="en", deadline_reminders=False)
    meeting = MeetingFactory(slug="spring", starts_at=local(2026, 3, 30, 9, 30))
    meeting.demands.set([DemandFactory(owner=owner, deadline=D(2026, 3, 1))])

    # Sent in winter time (CET), at 00:30 on the Sunday of the change.
    (message,) = sweep_at(datetime.datetime(2026, 3, 28, 23, 30, tzinfo=datetime.UTC))

    assert "Monday 30 March 2026, 09:30" in message.body
    assert Reminder.objects.get().period == D(2026, 3, 29)


@pytest.mark.parametrize("count", [1, 5])
def test_building_a_digest_takes_the_same_queries_however_many_items(
    count, django_assert_num_queries
):
    from reminders.messages import build_message
    from reminders.planning import plan_reminders

    owner = UserFactory(email="owner@example.org", deadline_reminders=False)
    meeting = MeetingFactory(slug="debate", starts_at=local(2025, 10, 27, 10))
    meeting.demands.set(DemandFactory.create_batch(count, owner=owner, deadline=D(2025, 10, 1)))
    with time_machine.travel(local(2025, 10, 26, 8), tick=False):
        plan_reminders()
    reminder = Reminder.objects.select_related("recipient", "meeting").get()

    # The agenda items with their latest entries, and the ledger's latest checkpoint.
    with django_assert_num_queries(2):
        build_message(reminder, local(2025, 10, 26, 8))


def test_a_meeting_title_with_line_breaks_still_gives_a_one_line_subject_and_the_sweep_goes_on(
    agenda,
):
    owner, overdue, due = agenda
    MeetingFactory(
        slug="injected",
        title_en="Debate\r\nBcc: everyone@example.org\x0b\u2028",
        starts_at=local(2025, 10, 27, 14),
    ).demands.set([overdue])

    messages = sweep_at(local(2025, 10, 26, 8))

    assert len(messages) == 2
    subjects = sorted(message.subject for message in messages)
    assert any("Debate Bcc: everyone@example.org" in subject for subject in subjects)
    for message in messages:
        assert message.subject.isprintable()
        assert message.message().get_all("Bcc") is None
    assert set(Reminder.objects.values_list("state", flat=True)) == {Reminder.State.SENT}


def test_a_digest_holds_every_open_agenda_item_of_its_owner_deadline_or_not():
    owner = UserFactory(
        email="owner@example.org", name="Sanne", language="en", deadline_reminders=False
    )
    overdue = DemandFactory(owner=owner, deadline=D(2025, 10, 1), title_en="Move 600 children")
    undated = DemandFactory(owner=owner, deadline=None, title_en="Limit group size")
    paused = DemandFactory(owner=owner, deadline=None, title_en="Support until 23")
    meeting = MeetingFactory(
        slug="debate", title_en="Committee debate", starts_at=local(2025, 10, 27, 10)
    )
    meeting.demands.set([overdue, undated, paused])

    (message,) = sweep_at(local(2025, 10, 26, 8))

    assert message.subject == (
        "Before Committee debate on Oct. 27, 2025: 3 of your demands are on its agenda"
    )
    body = message.body
    for demand in (overdue, undated, paused):
        assert demand.reference in body and demand.reference in html(message)
    assert body.index(overdue.reference) < body.index("No deadline") < body.index(undated.reference)
    assert body.index("No deadline") < body.index(paused.reference)
    assert "No deadline" in html(message)


def test_an_owner_whose_agenda_items_have_no_deadline_is_reminded_all_the_same():
    owner = UserFactory(email="owner@example.org", language="en", deadline_reminders=False)
    meeting = MeetingFactory(slug="debate", starts_at=local(2025, 10, 27, 10))
    meeting.demands.set(DemandFactory.create_batch(2, owner=owner, deadline=None))

    (message,) = sweep_at(local(2025, 10, 26, 8))

    assert message.to == ["owner@example.org"]
    assert "2 of your demands are on its agenda" in message.subject
