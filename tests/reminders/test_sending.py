"""Sending: each reminder claimed once, retried until sent, never sent twice."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from reminders.planning import plan_reminders
from reminders.sending import (
    Outcome,
    retry_delay,
    send_due_reminders,
    send_reminder,
    sweep,
)
from reminders.tasks import sweep_reminders
from tests.factories import DemandFactory, MeetingFactory, UserFactory
from tracker.models import Reminder, Status

from .backends import RefusingBackend, SlowBackend
from .conftest import local

pytestmark = pytest.mark.django_db

NOW = local(2025, 9, 22, 8)


@pytest.fixture
def reminder():
    """One pending meeting digest for an owner with an overdue agenda item."""
    owner = UserFactory(email="owner@example.org", language="en", deadline_reminders=False)
    meeting = MeetingFactory(slug="debate", starts_at=local(2025, 9, 23, 14))
    meeting.demands.set([DemandFactory(owner=owner, deadline=datetime.date(2025, 9, 1))])
    with time_machine.travel(NOW, tick=False):
        plan_reminders()
    return Reminder.objects.get()


@pytest.fixture
def refusing(settings):
    settings.EMAIL_BACKEND = "tests.reminders.backends.RefusingBackend"
    RefusingBackend.refuse = True
    yield RefusingBackend
    RefusingBackend.refuse = False


def test_sent_once_however_often_the_sweep_runs(reminder):
    for minutes in range(3):
        send_due_reminders(NOW + datetime.timedelta(minutes=minutes))

    assert len(mail.outbox) == 1
    reminder.refresh_from_db()
    assert reminder.state == Reminder.State.SENT
    assert reminder.attempts == 1
    assert reminder.sent_at is not None
    assert reminder.claimed_until is None


def test_message_id_is_fixed_by_what_the_reminder_is_for(reminder):
    send_due_reminders(NOW)

    assert mail.outbox[0].extra_headers["Message-ID"] == reminder.message_id
    assert reminder.message_id.startswith("<reminder.")
    assert reminder.message_id.endswith("@tracker.example.org>")


def test_a_reminder_held_by_another_sender_is_left_alone(reminder):
    Reminder.objects.filter(pk=reminder.pk).update(
        claimed_until=NOW + datetime.timedelta(minutes=4)
    )

    assert send_reminder(reminder.pk, NOW) == Outcome.TAKEN
    assert mail.outbox == []


def test_a_claim_whose_sender_died_is_retried_when_its_lease_runs_out(reminder):
    """A worker killed mid-send leaves a claim behind: at-least-once, not at-most-once."""
    Reminder.objects.filter(pk=reminder.pk).update(
        claimed_until=NOW + datetime.timedelta(minutes=5), attempts=1
    )

    assert send_due_reminders(NOW + datetime.timedelta(minutes=4))[Outcome.SENT] == 0
    assert send_due_reminders(NOW + datetime.timedelta(minutes=6))[Outcome.SENT] == 1
    assert len(mail.outbox) == 1
    assert Reminder.objects.get().attempts == 2


def test_refused_send_is_recorded_and_retried_with_backoff(reminder, refusing):
    assert send_reminder(reminder.pk, NOW) == Outcome.FAILED

    reminder.refresh_from_db()
    assert reminder.state == Reminder.State.RETRYING
    assert "451" in reminder.last_error
    assert reminder.next_attempt_at == NOW + datetime.timedelta(seconds=60)
    assert reminder.claimed_until is None

    assert send_reminder(reminder.pk, NOW + datetime.timedelta(seconds=59)) == Outcome.TAKEN
    assert send_reminder(reminder.pk, NOW + datetime.timedelta(seconds=60)) == Outcome.FAILED
    reminder.refresh_from_db()
    assert reminder.next_attempt_at == NOW + datetime.timedelta(seconds=180)


def test_a_reminder_refused_for_hours_is_sent_once_the_server_answers(reminder, refusing):
    moment = NOW
    for _ in range(12):
        send_due_reminders(moment)
        moment += datetime.timedelta(minutes=20)
    refusing.refuse = False
    for _ in range(4):
        send_due_reminders(moment)
        moment += datetime.timedelta(minutes=20)

    reminder.refresh_from_db()
    assert reminder.state == Reminder.State.SENT
    assert len(mail.outbox) == 1
    assert reminder.attempts > 2
    assert "451" in reminder.last_error  # what failed stays visible in the admin


def test_backoff_doubles_up_to_its_cap(settings):
    settings.REMINDER_RETRY_SECONDS = 60
    settings.REMINDER_RETRY_MAX_SECONDS = 1800

    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 6, 20)] == [
        60,
        120,
        240,
        1800,
        1800,
    ]


def test_cancelled_when_the_demand_was_achieved_in_the_meantime(reminder):
    Reminder.objects.get().meeting.demands.update(status=Status.ACHIEVED)

    assert send_reminder(reminder.pk, NOW) == Outcome.CANCELLED
    reminder.refresh_from_db()
    assert reminder.state == Reminder.State.CANCELLED
    assert "open any more" in reminder.last_error
    assert mail.outbox == []


def test_cancelled_when_the_meeting_began(reminder):
    assert send_reminder(reminder.pk, local(2025, 9, 23, 14, 1)) == Outcome.CANCELLED


def test_cancelled_when_the_owner_opts_out_of_deadline_reminders():
    owner = UserFactory(email="owner@example.org")
    DemandFactory(owner=owner, deadline=datetime.date(2025, 9, 22))
    with time_machine.travel(NOW, tick=False):
        plan_reminders()
    owner.deadline_reminders = False
    owner.save()

    assert send_due_reminders(NOW)[Outcome.CANCELLED] == 1


def test_sends_in_chunks(settings):
    settings.REMINDER_CHUNK_SIZE = 3
    owner = UserFactory(email="owner@example.org")
    DemandFactory.create_batch(7, owner=owner, deadline=datetime.date(2025, 9, 22))
    with time_machine.travel(NOW, tick=False):
        plan_reminders()

    assert send_due_reminders(NOW)[Outcome.SENT] == 7
    assert len(mail.outbox) == 7


def test_sweep_plans_and_sends(reminder):
    with time_machine.travel(NOW, tick=False):
        result = sweep()

    assert result == {"planned": 0, "sent": 1, "failed": 0, "cancelled": 0, "taken": 0}


def test_celery_task_runs_the_sweep(reminder):
    with time_machine.travel(NOW, tick=False):
        sweep_reminders()

    assert len(mail.outbox) == 1


def test_management_command_runs_the_sweep_once(reminder, capsys):
    with time_machine.travel(NOW, tick=False):
        call_command("send_reminders")
        call_command("send_reminders")

    assert len(mail.outbox) == 1
    assert "sent: 1" in capsys.readouterr().out


class Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs."""


def test_killed_between_accepted_and_recorded_resends_once_with_the_same_message_id(
    reminder, monkeypatch
):
    from reminders import sending as reminders

    finish = reminders._finish

    def killed(*args, **kwargs):
        raise Killed

    monkeypatch.setattr(reminders, "_finish", killed)
    with pytest.raises(Killed):
        send_reminder(reminder.pk, NOW)
    monkeypatch.setattr(reminders, "_finish", finish)

    assert send_due_reminders(NOW + datetime.timedelta(minutes=1))[Outcome.SENT] == 0
    assert send_due_reminders(NOW + datetime.timedelta(minutes=6))[Outcome.SENT] == 1
    assert send_due_reminders(NOW + datetime.timedelta(minutes=12))[Outcome.SENT] == 0
    first, second = mail.outbox
    assert first.extra_headers["Message-ID"] == second.extra_headers["Message-ID"]


def test_each_claim_of_a_long_sweep_takes_a_full_lease(settings):
    """A lease runs from its claim, not from the start of the sweep."""
    settings.EMAIL_BACKEND = "tests.reminders.backends.SlowBackend"
    owner = UserFactory(email="owner@example.org")
    DemandFactory.create_batch(2, owner=owner, deadline=datetime.date(2025, 9, 22))
    with time_machine.travel(NOW, tick=False) as traveller:
        plan_reminders()
        SlowBackend.traveller, SlowBackend.leases = traveller, []
        send_due_reminders()

    lease = datetime.timedelta(seconds=300)
    assert SlowBackend.leases == [NOW + lease, NOW + datetime.timedelta(minutes=2) + lease]
