"""Preparing a follow-up meeting: the briefing staff bring to the table, and who will be
reminded of what before it.

Both read the data as it is now. The briefing is for staff (it holds internal notes and
unpublished demands); the reminder plan asks ``reminders.planning`` which agenda items a
digest holds on a given day, so the rule lives in one place.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import F, Prefetch, Q
from django.utils import timezone

from accounts.models import User
from ledger.history import status_on
from ledger.models import Entry
from reminders.planning import _reachable, agenda_to_report, meeting_reminder_day, why_not_reminded
from tracker.models import Demand, Meeting, Reminder, Statement, Status, local_today


@dataclass
class BriefingItem:
    """One agenda demand as the briefing shows it."""

    demand: Demand
    status_then: str | None
    statements: list[Statement]
    """What government said in answer to it: promises, aims, positions, decisions."""
    public_note: Entry | None
    internal_note: Entry | None
    evidence: list[Entry]

    @property
    def status_now(self) -> str:
        return self.demand.get_status_display()

    @property
    def moved(self) -> bool:
        return self.status_then is not None and self.status_then != self.status_now


@dataclass
class OwnerGroup:
    owner: User | None
    items: list[BriefingItem] = field(default_factory=list)


@dataclass
class Briefing:
    meeting: Meeting
    previous_meeting: Meeting | None
    today: datetime.date
    groups: list[OwnerGroup]

    @property
    def count(self) -> int:
        return sum(len(group.items) for group in self.groups)

    @property
    def overdue_count(self) -> int:
        return sum(item.demand.overdue for group in self.groups for item in group.items)


def previous_meeting(meeting: Meeting, now: datetime.datetime) -> Meeting | None:
    """The meeting before ``meeting``: the latest one on an earlier day. A meeting whose date
    is still to be set lies ahead, so the one before it is the latest that has begun."""
    dated = (
        Meeting.objects.dated()
        .exclude(pk=meeting.pk)
        .order_by("-date", F("time").desc(nulls_last=True))
    )
    if meeting.date is not None:
        return dated.filter(date__lt=meeting.date).first()
    local = timezone.localtime(now)
    begun = (
        Q(date__lt=local.date())
        | Q(date=local.date(), time__isnull=True)
        | Q(date=local.date(), time__lte=local.time())
    )
    return dated.filter(begun).first()


def briefing_for(meeting: Meeting, today: datetime.date | None = None) -> Briefing:
    """Every demand on ``meeting``'s agenda, grouped by owner (those without one last).

    For each: its status on the day of the meeting before this one and now, its deadline,
    what government said in answer (the statements that answer it, each by its nature), the
    latest public and internal notes and the evidence links of its ledger. A fixed number of
    queries.
    """
    today = today or local_today()
    previous = previous_meeting(meeting, timezone.now())
    demands = (
        Demand.objects.filter(meetings=meeting)
        .with_overdue(today)
        .select_related("owner", "organisation", "source")
        .prefetch_related(
            "addressees",
            Prefetch("entries", queryset=Entry.objects.order_by("seq")),
            Prefetch(
                "statements",
                queryset=Statement.objects.select_related("actor").order_by(
                    F("made_on").asc(nulls_last=True), "reference"
                ),
            ),
        )
        .order_by("owner__name", "owner__email", "deadline", "reference")
    )
    groups: dict[int | None, OwnerGroup] = {}
    for demand in demands:
        entries = list(demand.entries.all())
        status_then = None
        if previous is not None:
            status_then = Status(status_on(demand.status, entries, previous.starts_at)).label
        newest_first = entries[::-1]
        group = groups.setdefault(demand.owner_id, OwnerGroup(demand.owner))
        group.items.append(
            BriefingItem(
                demand=demand,
                status_then=status_then,
                statements=list(demand.statements.all()),
                public_note=next((e for e in newest_first if e.public_note), None),
                internal_note=next((e for e in newest_first if e.internal_note), None),
                evidence=[entry for entry in newest_first if entry.evidence_url],
            )
        )
    ordered = [group for key, group in groups.items() if key is not None]
    if None in groups:
        ordered.append(groups[None])
    return Briefing(meeting, previous, today, ordered)


@dataclass
class Digest:
    """The digest one owner gets on one reminder day, as far as can be told today."""

    owner: User
    demands: list[Demand]
    reminder: Reminder | None = None


@dataclass
class ReminderDay:
    day: datetime.date
    days_before: int
    state: str
    """``written`` (its reminders exist), ``next_sweep`` (owed now), ``coming`` or ``skipped``."""
    digests: list[Digest]


@dataclass
class ReminderPlan:
    started: bool
    days: list[ReminderDay]
    undated: bool
    """The meeting's date is to be set: no reminder day until it has one."""
    not_reminded: list["NotReminded"]
    """Agenda demands in no digest: closed, or an owner who cannot be mailed (none,
    inactive, no e-mail address)."""


@dataclass
class NotReminded:
    """An agenda demand nobody will be reminded of, and why."""

    demand: Demand
    reason: str


def reminder_plan(meeting: Meeting, now: datetime.datetime) -> ReminderPlan:
    """Who gets which digest before ``meeting``, on each of its reminder days.

    Days already planned show the reminders written (sent or not); the day owed now and
    the days to come show what a digest would hold if nothing changes, as
    ``reminders.planning.agenda_to_report`` selects it on that day.
    """
    today = local_today()
    if meeting.date is None:
        # Reminder days count back from the meeting's day: none until it has one.
        return ReminderPlan(
            started=False, days=[], undated=True, not_reminded=_unreachable(meeting)
        )
    if meeting.has_begun(now):
        return ReminderPlan(started=True, days=[], undated=False, not_reminded=[])
    written = {}
    for reminder in Reminder.objects.filter(meeting=meeting).select_related("recipient"):
        written.setdefault(reminder.period, []).append(reminder)
    owed_now = meeting_reminder_day(meeting, today)
    days = []
    for offset in meeting.reminder_offsets():
        day = meeting.local_date - datetime.timedelta(days=offset)
        if day in written:
            digests = [
                Digest(reminder.recipient, [], reminder)
                for reminder in sorted(written[day], key=lambda r: str(r.recipient))
            ]
            days.append(ReminderDay(day, offset, "written", digests))
        elif day < today and day != owed_now:
            days.append(ReminderDay(day, offset, "skipped", []))
        else:
            state = "next_sweep" if day == owed_now else "coming"
            days.append(ReminderDay(day, offset, state, _digests_on(meeting)))
    return ReminderPlan(started=False, days=days, undated=False, not_reminded=_unreachable(meeting))


def _unreachable(meeting: Meeting) -> list[NotReminded]:
    agenda = Demand.objects.filter(meetings=meeting)
    demands = (
        agenda.exclude(pk__in=_reachable(agenda_to_report(meeting)).values("pk"))
        .select_related("owner")
        .order_by("reference")
    )
    return [NotReminded(demand, why_not_reminded(demand)) for demand in demands]


def _digests_on(meeting: Meeting) -> list[Digest]:
    selected = (
        _reachable(agenda_to_report(meeting))
        .select_related("owner")
        .order_by("owner__name", "owner__email", "deadline", "reference")
    )
    digests: dict[int, Digest] = {}
    for demand in selected:
        digests.setdefault(demand.owner_id, Digest(demand.owner, [])).demands.append(demand)
    return list(digests.values())
