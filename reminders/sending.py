"""Sending: claim each due reminder, send it, record the outcome; retry what failed."""

import datetime
import enum
import logging
import smtplib

from django.conf import settings
from django.core.mail import get_connection
from django.db.models import F
from django.utils import timezone

from tracker.models import Reminder

from .messages import NoLongerApplies, build_message
from .planning import plan_reminders

logger = logging.getLogger(__name__)


class Outcome(enum.StrEnum):
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"
    TAKEN = "taken"
    """Another sender claimed it first."""


def retry_delay(attempts: int) -> datetime.timedelta:
    """Exponential backoff from ``REMINDER_RETRY_SECONDS``, capped at ``REMINDER_RETRY_MAX``."""
    seconds = settings.REMINDER_RETRY_SECONDS * 2 ** max(attempts - 1, 0)
    return datetime.timedelta(seconds=min(seconds, settings.REMINDER_RETRY_MAX_SECONDS))


def _finish(pk: int, lease: datetime.datetime, **fields) -> None:
    """Record the outcome if we still hold the claim; release it."""
    if not Reminder.objects.filter(pk=pk, claimed_until=lease).update(claimed_until=None, **fields):
        logger.warning("Reminder %s: claim expired before the outcome was recorded.", pk)


def send_reminder(pk: int, now: datetime.datetime | None = None, connection=None) -> Outcome:
    """Claim reminder ``pk`` if it is due and nobody holds it, then send it.

    ``now`` is the clock's time unless given: the lease runs from the moment of the claim.
    ``connection`` is an open mail connection to reuse (one per batch, not one per e-mail).
    """
    now = now or timezone.now()
    lease = now + datetime.timedelta(seconds=settings.REMINDER_LEASE_SECONDS)
    claimed = (
        Reminder.objects.due(now)
        .filter(pk=pk)
        .update(claimed_until=lease, attempts=F("attempts") + 1)
    )
    if not claimed:
        return Outcome.TAKEN
    reminder = Reminder.objects.select_related("recipient", "meeting", "demand", "statement").get(
        pk=pk
    )
    try:
        message = build_message(reminder, now)
    except NoLongerApplies as reason:
        _finish(pk, lease, state=Reminder.State.CANCELLED, last_error=str(reason))
        logger.info("Reminder %s cancelled: %s", reminder.key, reason)
        return Outcome.CANCELLED
    message.connection = connection
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        if connection is not None:
            connection.close()  # It may be broken: the next send opens a fresh one.
        delay = retry_delay(reminder.attempts)
        _finish(
            pk,
            lease,
            state=Reminder.State.RETRYING,
            last_error=f"{type(error).__name__}: {error}"[:2000],
            next_attempt_at=now + delay,
            subject=message.subject[:300],
        )
        logger.warning("Reminder %s not sent (%s); retry in %s.", reminder.key, error, delay)
        return Outcome.FAILED
    _finish(
        pk,
        lease,
        state=Reminder.State.SENT,
        sent_at=timezone.now(),
        subject=message.subject[:300],
        # The text as the mail server took it, so that staff read what was sent.
        body=message.body,
    )
    logger.info("Reminder %s sent: %s", reminder.key, message.subject)
    return Outcome.SENT


def send_due_reminders(now: datetime.datetime | None = None) -> dict[Outcome, int]:
    """Send every reminder that is due, walking them in primary-key chunks.

    Returns how many ended in each outcome. Safe alongside other senders: each reminder
    is claimed before it is sent. Without ``now``, each claim reads the clock afresh, so
    that a long sweep never takes a lease that has already run out.
    """
    outcomes = dict.fromkeys(Outcome, 0)
    last_pk = 0
    while True:
        pks = list(
            Reminder.objects.due(now or timezone.now())
            .filter(pk__gt=last_pk)
            .order_by("pk")
            .values_list("pk", flat=True)[: settings.REMINDER_CHUNK_SIZE]
        )
        if not pks:
            return outcomes
        connection = get_connection()
        try:
            for pk in pks:
                outcomes[send_reminder(pk, now, connection=connection)] += 1
        finally:
            connection.close()
        last_pk = pks[-1]


def sweep(now: datetime.datetime | None = None) -> dict[str, int]:
    """Plan, then send: what the beat runs every minute and ``send_reminders`` runs once."""
    planned = plan_reminders(now or timezone.now())
    outcomes = send_due_reminders(now)
    return {"planned": planned, **{str(key): value for key, value in outcomes.items()}}
