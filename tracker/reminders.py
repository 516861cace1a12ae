"""Reminders: who is owed which e-mail, and sending each one once.

Two steps, each safe to run any number of times, from any number of processes at once:

- ``plan_reminders(now)`` writes one ``Reminder`` row per occasion that has come (a meeting
  digest, a deadline reminder, the coordinator's summary). The row's ``key`` says what it is
  for and is unique, so planning twice creates nothing.
- ``send_due_reminders(now)`` claims each due row with a conditional UPDATE (a lease), builds
  the e-mail from the data as it is now, sends it and marks it sent. A failed send releases
  the claim with a later ``next_attempt_at``; a sender that dies lets its lease run out. Either
  way the reminder is tried again until it is sent or no longer applies.

The one window no SMTP client can close, a sender killed after the server accepted a message
and before "sent" was committed, resends it once, with the same deterministic Message-ID.
"""

import datetime
import enum
import hashlib
import logging
import smtplib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import F, OuterRef, QuerySet, Subquery
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Role, User
from ledger.checkpoints import as_dict
from ledger.checkpoints import latest as latest_checkpoint_row
from ledger.models import Entry

from .models import Demand, Meeting, Reminder, Statement, TrackedItem

logger = logging.getLogger(__name__)

Kind = Reminder.Kind


@dataclass(frozen=True)
class Occasion:
    """What a reminder is for; its ``key`` is the reminder's identity."""

    kind: Kind
    recipient_id: int
    period: datetime.date
    meeting_id: int | None = None
    demand_id: int | None = None
    statement_id: int | None = None
    deadline: datetime.date | None = None

    @property
    def key(self) -> str:
        if self.meeting_id:
            subject = f"meeting{self.meeting_id}"
        elif self.demand_id:
            subject = f"demand{self.demand_id}"
        elif self.statement_id:
            # Statements were called commitments when the first reminders were planned:
            # the same word keeps the same occasion the same reminder.
            subject = f"commitment{self.statement_id}"
        else:
            subject = "coalition"
        deadline = self.deadline.isoformat() if self.deadline else "-"
        return f"{self.kind}:user{self.recipient_id}:{subject}:{deadline}:{self.period.isoformat()}"


def message_id_for(key: str) -> str:
    """The same Message-ID for every attempt at one reminder, so mail clients fold a resend."""
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<reminder.{digest}@{domain}>"


# Planning


def batched(iterable: Iterable, size: int) -> Iterator[list]:
    """``itertools.batched`` of Python 3.12."""
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch


def meeting_reminder_day(meeting: Meeting, today: datetime.date) -> datetime.date | None:
    """The latest of the meeting's reminder days that has come, or None before the first.

    A sweep that missed a reminder day (the server was down) still sends that digest, but
    never two at once: on the day before a meeting only the day-before digest is owed.
    """
    days_left = (meeting.local_date - today).days
    come = [offset for offset in meeting.reminder_offsets() if offset >= days_left]
    if not come:
        return None
    return meeting.local_date - datetime.timedelta(days=min(come))


def _reachable(items: QuerySet) -> QuerySet:
    """Items whose owner can receive mail: active, with an address."""
    return items.filter(owner__is_active=True).exclude(owner__email="")


def agenda_to_report(meeting: Meeting, today: datetime.date) -> QuerySet:
    """The meeting's agenda items that are overdue or fall due by the meeting's day.

    Unpublished demands are included: their owners must still be reminded.
    """
    agenda = Demand.objects.filter(meetings=meeting)
    return agenda.overdue(today) | agenda.due_between(today, meeting.local_date)


def meeting_occasions(now: datetime.datetime, today: datetime.date) -> Iterator[Occasion]:
    chunk = settings.REMINDER_CHUNK_SIZE
    meetings = Meeting.objects.filter(date__gte=today).order_by("pk")
    for meeting in meetings.iterator(chunk):
        if meeting.has_begun(now):
            continue
        period = meeting_reminder_day(meeting, today)
        if period is None:
            continue
        owners = _reachable(agenda_to_report(meeting, today)).values_list("owner_id", flat=True)
        for owner_id in owners.distinct().order_by("owner_id").iterator(chunk):
            yield Occasion(Kind.MEETING_DIGEST, owner_id, period, meeting_id=meeting.pk)


def deadline_occasions(today: datetime.date) -> Iterator[Occasion]:
    """Before a deadline, on the day, and every seventh day while overdue."""
    chunk = settings.REMINDER_CHUNK_SIZE
    days_before = settings.REMINDER_DAYS_BEFORE_DEADLINE
    week = datetime.timedelta(days=7)
    promises = Statement.objects.filter(kind=Statement.Kind.PROMISE)
    for items, field in ((Demand.objects.all(), "demand_id"), (promises, "statement_id")):
        items = _reachable(items.filter(owner__deadline_reminders=True))
        windows = [
            (
                Kind.DEADLINE_BEFORE,
                items.due_between(
                    today + datetime.timedelta(days=1), today + datetime.timedelta(days=days_before)
                ),
            ),
            (Kind.DEADLINE_DAY, items.due_between(today, today)),
            # Overdue for a week or more: the deadline is before the day six days ago.
            (Kind.OVERDUE_WEEKLY, items.overdue(today - datetime.timedelta(days=6))),
        ]
        for kind, selection in windows:
            rows = selection.order_by("pk").values_list("pk", "owner_id", "deadline")
            for pk, owner_id, deadline in rows.iterator(chunk):
                if kind == Kind.DEADLINE_BEFORE:
                    period = deadline - datetime.timedelta(days=days_before)
                elif kind == Kind.DEADLINE_DAY:
                    period = deadline
                else:
                    period = deadline + week * ((today - deadline).days // 7)
                yield Occasion(kind, owner_id, period, deadline=deadline, **{field: pk})


def summary_occasions(today: datetime.date) -> Iterator[Occasion]:
    """One summary a week for each coordinator, from the configured weekday on."""
    weekday = settings.REMINDER_SUMMARY_WEEKDAY
    week_start = today - datetime.timedelta(days=(today.weekday() - weekday) % 7)
    coordinators = (
        User.objects.filter(groups__name=Role.COORDINATOR.value, is_active=True)
        .exclude(email="")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for pk in coordinators.iterator(settings.REMINDER_CHUNK_SIZE):
        yield Occasion(Kind.COORDINATOR_SUMMARY, pk, week_start)


def plan_reminders(now: datetime.datetime | None = None) -> int:
    """Write a pending reminder for every occasion that has come; return how many are new.

    Reads and writes in chunks of ``REMINDER_CHUNK_SIZE``, so memory does not grow with
    the number of items. Rows already planned are left alone (the key is unique).
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    occasions: Iterable[Occasion] = (
        occasion
        for source in (
            meeting_occasions(now, today),
            deadline_occasions(today),
            summary_occasions(today),
        )
        for occasion in source
    )
    created = 0
    for batch in batched(occasions, settings.REMINDER_CHUNK_SIZE):
        planned = set(
            Reminder.objects.filter(key__in=[o.key for o in batch]).values_list("key", flat=True)
        )
        new = [
            Reminder(
                key=occasion.key,
                recipient_id=occasion.recipient_id,
                kind=occasion.kind,
                meeting_id=occasion.meeting_id,
                demand_id=occasion.demand_id,
                statement_id=occasion.statement_id,
                deadline=occasion.deadline,
                period=occasion.period,
                message_id=message_id_for(occasion.key),
                next_attempt_at=now,
                created_at=now,
            )
            for occasion in batch
            if occasion.key not in planned
        ]
        # Another sweep may plan the same rows at the same moment: the unique key decides.
        Reminder.objects.bulk_create(new, ignore_conflicts=True)
        created += len(new)
    return created


# Building the e-mail


class NoLongerApplies(Exception):
    """The reminder's occasion has gone (item achieved, meeting begun): cancel, don't send."""


def admin_url(item: TrackedItem) -> str:
    name = f"admin:{item._meta.app_label}_{item._meta.model_name}_change"
    return settings.SITE_URL + reverse(name, args=[item.pk])


def with_last_update(items: QuerySet) -> QuerySet:
    """Annotate each item's latest ledger entry: when, and its public note."""
    field = items.model._meta.model_name
    latest = Entry.objects.filter(**{field: OuterRef("pk")}).order_by("-seq")
    return items.annotate(
        last_change_at=Subquery(latest.values("recorded_at")[:1]),
        last_change_note=Subquery(latest.values("public_note")[:1]),
    )


def one_line(text: str) -> str:
    """``text`` fit for an e-mail header: line breaks and other control characters become
    spaces. A meeting title typed with a newline would otherwise make the message refuse
    to send (``BadHeaderError``), on every retry."""
    return " ".join("".join(" " if unicodedata.category(c)[0] == "C" else c for c in text).split())


def _date(day: datetime.date) -> str:
    return formats.date_format(day, "DATE_FORMAT")


def _item_context(item: TrackedItem, today: datetime.date) -> dict:
    days = (item.deadline - today).days if item.deadline else None
    return {
        "item": item,
        "url": admin_url(item),
        "overdue": item.is_overdue(today),
        "days": days,
        "days_overdue": -days if days is not None and days < 0 else 0,
        "last_update": getattr(item, "last_change_at", None) or item.updated_at,
        "last_note": getattr(item, "last_change_note", "") or "",
    }


def _check_recipient(reminder: Reminder) -> None:
    recipient = reminder.recipient
    if not recipient.is_active or not recipient.email:
        raise NoLongerApplies("The recipient is inactive or has no e-mail address.")
    if reminder.kind in (Kind.DEADLINE_BEFORE, Kind.DEADLINE_DAY, Kind.OVERDUE_WEEKLY):
        if not recipient.deadline_reminders:
            raise NoLongerApplies("The recipient turned deadline reminders off.")


def _meeting_digest(reminder: Reminder, now: datetime.datetime, today: datetime.date):
    meeting = reminder.meeting
    if meeting.date is None:
        raise NoLongerApplies("The meeting no longer has a date.")
    if meeting.has_begun(now):
        raise NoLongerApplies("The meeting has begun.")
    items = (
        with_last_update(agenda_to_report(meeting, today).filter(owner=reminder.recipient))
        .select_related("owner")
        .order_by("deadline", "reference")
    )
    entries = [_item_context(item, today) for item in items]
    if not entries:
        raise NoLongerApplies("None of the recipient's agenda items is overdue or due.")
    subject = ngettext(
        "Before %(meeting)s on %(date)s: %(count)s of your demands needs attention",
        "Before %(meeting)s on %(date)s: %(count)s of your demands need attention",
        len(entries),
    ) % {
        "meeting": meeting.title,
        "date": _date(meeting.local_date),
        "count": len(entries),
    }
    context = {
        "meeting": meeting,
        "overdue": [entry for entry in entries if entry["overdue"]],
        "due": [entry for entry in entries if not entry["overdue"]],
    }
    return subject, "emails/meeting_digest", context


def _deadline_reminder(reminder: Reminder, now: datetime.datetime, today: datetime.date):
    subject_item = reminder.demand or reminder.statement
    model = type(subject_item)
    item = with_last_update(model.objects.filter(pk=subject_item.pk).select_related("owner")).get()
    if item.owner_id != reminder.recipient_id:
        raise NoLongerApplies("The item has another owner now.")
    if item.is_final:
        raise NoLongerApplies("The item's status is final.")
    if isinstance(item, Statement) and not item.is_promise:
        raise NoLongerApplies("The statement is not a promise.")
    if item.deadline != reminder.deadline:
        raise NoLongerApplies("The item's deadline has moved.")
    if reminder.kind == Kind.DEADLINE_BEFORE and item.deadline <= today:
        raise NoLongerApplies("The deadline has come: the reminder of the day replaces this one.")
    entry = _item_context(item, today)
    values = {"reference": item.reference, "date": _date(item.deadline)}
    if reminder.kind == Kind.DEADLINE_BEFORE:
        subject = ngettext(
            "Deadline in %(days)s day: %(reference)s",
            "Deadline in %(days)s days: %(reference)s",
            entry["days"],
        ) % {**values, "days": entry["days"]}
    elif reminder.kind == Kind.DEADLINE_DAY and item.deadline == today:
        subject = _("Deadline today: %(reference)s") % values
    else:
        subject = _("Overdue since %(date)s: %(reference)s") % values
    return subject, "emails/deadline", {"entry": entry, "kind": reminder.kind}


def _coordinator_summary(reminder: Reminder, now: datetime.datetime, today: datetime.date):
    if not reminder.recipient.has_role(Role.COORDINATOR):
        raise NoLongerApplies("The recipient is no longer a coordinator.")
    organisations: dict[str, list[dict]] = {}
    count = 0
    promises = Statement.objects.filter(kind=Statement.Kind.PROMISE)
    for items in (Demand.objects.all(), promises):
        overdue = (
            items.overdue(today)
            .select_related("organisation", "owner")
            .order_by("organisation__name", "deadline", "reference")
        )
        for item in overdue.iterator(settings.REMINDER_CHUNK_SIZE):
            organisations.setdefault(item.organisation.name, []).append(_item_context(item, today))
            count += 1
    subject = ngettext(
        "Weekly summary: %(count)s item overdue across the coalition",
        "Weekly summary: %(count)s items overdue across the coalition",
        count,
    ) % {"count": count}
    context = {"organisations": sorted(organisations.items()), "count": count}
    return subject, "emails/coordinator_summary", context


_BUILDERS = {
    Kind.MEETING_DIGEST: _meeting_digest,
    Kind.DEADLINE_BEFORE: _deadline_reminder,
    Kind.DEADLINE_DAY: _deadline_reminder,
    Kind.OVERDUE_WEEKLY: _deadline_reminder,
    Kind.COORDINATOR_SUMMARY: _coordinator_summary,
}


def build_message(reminder: Reminder, now: datetime.datetime) -> EmailMultiAlternatives:
    """The e-mail for ``reminder`` from the data as it is now, in the recipient's language.

    Raises ``NoLongerApplies`` when there is nothing (left) to remind of.
    """
    _check_recipient(reminder)
    recipient = reminder.recipient
    with translation.override(recipient.language), timezone.override(settings.TIME_ZONE):
        today = timezone.localdate(now)
        subject, template, context = _BUILDERS[reminder.kind](reminder, now, today)
        subject = one_line(subject)
        context |= {
            "recipient": recipient,
            "reminder": reminder,
            "today": today,
            "site_url": settings.SITE_URL,
            "profile_url": settings.SITE_URL + reverse("accounts:profile"),
            "subject": subject,
            # Each e-mail carries the ledger's latest signed checkpoint: a copy in the staff's
            # mailboxes that nobody can recall.
            "checkpoint": latest_checkpoint(),
        }
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[recipient.email],
        headers={
            "Message-ID": reminder.message_id,
            "Auto-Submitted": "auto-generated",
            "Content-Language": recipient.language,
            "X-Reminder-Kind": reminder.kind,
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def latest_checkpoint() -> dict | None:
    checkpoint = latest_checkpoint_row()
    return as_dict(checkpoint) if checkpoint else None


# Sending


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


def send_reminder(pk: int, now: datetime.datetime | None = None) -> Outcome:
    """Claim reminder ``pk`` if it is due and nobody holds it, then send it.

    ``now`` is the clock's time unless given: the lease runs from the moment of the claim.
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
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
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
        for pk in pks:
            outcomes[send_reminder(pk, now)] += 1
        last_pk = pks[-1]


def sweep(now: datetime.datetime | None = None) -> dict[str, int]:
    """Plan, then send: what the beat runs every minute and ``send_reminders`` runs once."""
    planned = plan_reminders(now or timezone.now())
    outcomes = send_due_reminders(now)
    return {"planned": planned, **{str(key): value for key, value in outcomes.items()}}
