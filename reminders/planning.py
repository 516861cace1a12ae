"""Planning: which reminders are owed, one ``Reminder`` row per occasion that has come."""

import datetime
import hashlib
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from tracker.iteration import batched
from tracker.models import Demand, Meeting, Reminder, Statement, TrackedItem

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


def agenda_to_report(meeting: Meeting) -> QuerySet:
    """Every open demand on the meeting's agenda: its owner's digest holds each one, overdue
    or not, with or without a deadline, each with its state (``reminders.messages``).

    Unpublished demands are included: their owners must still be reminded. Closed ones
    (achieved, not achieved, withdrawn) are not: the meeting page names them.
    """
    return Demand.objects.filter(meetings=meeting).open()


def why_not_reminded(item: TrackedItem) -> str:
    """Why nobody is reminded of agenda item ``item`` before a meeting, in a few words; ""
    when its owner is (the Python twin of ``agenda_to_report`` and ``_reachable``)."""
    if item.is_final:
        return _("it is closed (%(status)s)") % {"status": item.get_status_display()}
    owner = item.owner
    if owner is None:
        return _("it has no owner")
    if not owner.is_active:
        return _("its owner's account is switched off")
    if not owner.email:
        return _("its owner has no e-mail address")
    return ""


def meeting_occasions(now: datetime.datetime, today: datetime.date) -> Iterator[Occasion]:
    chunk = settings.REMINDER_CHUNK_SIZE
    meetings = Meeting.objects.filter(date__gte=today).order_by("pk")
    for meeting in meetings.iterator(chunk):
        if meeting.has_begun(now):
            continue
        period = meeting_reminder_day(meeting, today)
        if period is None:
            continue
        owners = _reachable(agenda_to_report(meeting)).values_list("owner_id", flat=True)
        for owner_id in owners.distinct().order_by("owner_id").iterator(chunk):
            yield Occasion(Kind.MEETING_DIGEST, owner_id, period, meeting_id=meeting.pk)


def followed_items() -> list[QuerySet]:
    """What owners are reminded of: demands, and promises (other statements have no
    deadline to keep)."""
    return [Demand.objects.all(), Statement.objects.filter(kind=Statement.Kind.PROMISE)]


def week_start(today: datetime.date) -> datetime.date:
    """The latest configured weekday (REMINDER_SUMMARY_WEEKDAY) up to ``today``."""
    weekday = settings.REMINDER_SUMMARY_WEEKDAY
    return today - datetime.timedelta(days=(today.weekday() - weekday) % 7)


def deadline_occasions(today: datetime.date) -> Iterator[Occasion]:
    """Before a deadline and on the day, one reminder per item: few items are due at once."""
    chunk = settings.REMINDER_CHUNK_SIZE
    days_before = settings.REMINDER_DAYS_BEFORE_DEADLINE
    for items, field in zip(followed_items(), ("demand_id", "statement_id"), strict=True):
        items = _reachable(items.filter(owner__deadline_reminders=True))
        windows = [
            (
                Kind.DEADLINE_BEFORE,
                items.due_between(
                    today + datetime.timedelta(days=1), today + datetime.timedelta(days=days_before)
                ),
            ),
            (Kind.DEADLINE_DAY, items.due_between(today, today)),
        ]
        for kind, selection in windows:
            rows = selection.order_by("pk").values_list("pk", "owner_id", "deadline")
            for pk, owner_id, deadline in rows.iterator(chunk):
                if kind == Kind.DEADLINE_BEFORE:
                    period = deadline - datetime.timedelta(days=days_before)
                else:
                    period = deadline
                yield Occasion(kind, owner_id, period, deadline=deadline, **{field: pk})


def overdue_occasions(today: datetime.date) -> Iterator[Occasion]:
    """One digest a week, on the configured weekday, for each owner with items overdue on
    that day: all of them in one e-mail. (The reminder of the deadline's own day covers the
    days before the first digest.) A sweep that missed the weekday catches up that week."""
    period = week_start(today)
    demands, promises = (
        _reachable(items.filter(owner__deadline_reminders=True))
        .overdue(period)
        .values_list("owner_id", flat=True)
        .order_by()
        for items in followed_items()
    )
    # One query, read in chunks: memory stays flat however many owners.
    owners = demands.union(promises).order_by("owner_id")
    for owner_id in owners.iterator(settings.REMINDER_CHUNK_SIZE):
        yield Occasion(Kind.OVERDUE_WEEKLY, owner_id, period)


def summary_occasions(today: datetime.date) -> Iterator[Occasion]:
    """One summary a week for each coordinator, from the configured weekday on."""
    period = week_start(today)
    coordinators = (
        User.objects.filter(groups__name=Role.COORDINATOR.value, is_active=True)
        .exclude(email="")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for pk in coordinators.iterator(settings.REMINDER_CHUNK_SIZE):
        yield Occasion(Kind.COORDINATOR_SUMMARY, pk, period)


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
            overdue_occasions(today),
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
