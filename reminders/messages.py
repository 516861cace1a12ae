"""Building a reminder's e-mail from the data as it is now, in the recipient's language."""

import datetime
import logging
import unicodedata

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Count, F, OuterRef, QuerySet, Subquery
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Role
from ledger.checkpoints import as_dict
from ledger.checkpoints import latest as latest_checkpoint_row
from ledger.models import Entry
from tracker.models import Reminder, Statement, TrackedItem

from .planning import agenda_to_report, followed_items

logger = logging.getLogger(__name__)

Kind = Reminder.Kind


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


# The groups of a meeting digest, in the order the e-mail lists them.
AGENDA_GROUPS = ("overdue", "due", "later", "undated")


def agenda_state(item: TrackedItem, today: datetime.date, meeting_day: datetime.date) -> str:
    """Where an open agenda item stands before a meeting: ``overdue``, ``due`` (by the
    meeting's day), ``later`` (due after it) or ``undated`` (no deadline, or a paused one)."""
    if item.is_overdue(today):
        return "overdue"
    if item.deadline is None:
        return "undated"
    return "due" if item.deadline <= meeting_day else "later"


def _meeting_digest(reminder: Reminder, now: datetime.datetime, today: datetime.date):
    meeting = reminder.meeting
    if meeting.date is None:
        raise NoLongerApplies("The meeting no longer has a date.")
    if meeting.has_begun(now):
        raise NoLongerApplies("The meeting has begun.")
    items = (
        with_last_update(agenda_to_report(meeting).filter(owner=reminder.recipient))
        .select_related("owner")
        .order_by(F("deadline").asc(nulls_last=True), "reference")
    )
    groups: dict[str, list] = {name: [] for name in AGENDA_GROUPS}
    for item in items:
        groups[agenda_state(item, today, meeting.local_date)].append(_item_context(item, today))
    count = sum(len(entries) for entries in groups.values())
    if not count:
        raise NoLongerApplies("None of the recipient's agenda items is open any more.")
    subject = ngettext(
        "Before %(meeting)s on %(date)s: %(count)s of your demands is on its agenda",
        "Before %(meeting)s on %(date)s: %(count)s of your demands are on its agenda",
        count,
    ) % {
        "meeting": meeting.title,
        "date": _date(meeting.local_date),
        "count": count,
    }
    return subject, "emails/meeting_digest", {"meeting": meeting, **groups}


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
    elif item.deadline == today:
        subject = _("Deadline today: %(reference)s") % values
    else:
        # A reminder of the day sent late, once the day has passed.
        subject = _("Overdue since %(date)s: %(reference)s") % values
    return subject, "emails/deadline", {"entry": entry, "kind": reminder.kind}


def _owners_overdue(owner, today: datetime.date) -> list:
    """The owner's overdue demands and promises, longest overdue first, each with its latest
    entry: two queries, however many."""
    found = []
    for items in followed_items():
        overdue = with_last_update(items.overdue(today).filter(owner=owner)).select_related("owner")
        found += list(overdue)
    return sorted(found, key=lambda item: (item.deadline, item.reference))


def _overdue_digest(reminder: Reminder, now: datetime.datetime, today: datetime.date):
    if reminder.demand_id or reminder.statement_id:
        # Planned as one e-mail per item before the weekly digest replaced them.
        raise NoLongerApplies("Replaced by the owner's weekly overdue digest.")
    entries = [_item_context(item, today) for item in _owners_overdue(reminder.recipient, today)]
    if not entries:
        raise NoLongerApplies("None of the recipient's items is overdue any more.")
    subject = ngettext(
        "Overdue: %(count)s of your items needs attention",
        "Overdue: %(count)s of your items need attention",
        len(entries),
    ) % {"count": len(entries)}
    return subject, "emails/overdue_digest", {"entries": entries}


# The coordinator's summary names the longest overdue items and counts the rest.
SUMMARY_LONGEST = 20


def _coordinator_summary(reminder: Reminder, now: datetime.datetime, today: datetime.date):
    if not reminder.recipient.has_role(Role.COORDINATOR):
        raise NoLongerApplies("The recipient is no longer a coordinator.")
    per_organisation: dict[str, int] = {}
    longest = []
    for items in followed_items():
        overdue = items.overdue(today)
        for name, count in (
            overdue.values_list("organisation__name").annotate(count=Count("pk")).order_by()
        ):
            per_organisation[name] = per_organisation.get(name, 0) + count
        longest += list(
            overdue.select_related("organisation", "owner").order_by("deadline", "reference")[
                :SUMMARY_LONGEST
            ]
        )
    longest = sorted(longest, key=lambda item: (item.deadline, item.reference))[:SUMMARY_LONGEST]
    count = sum(per_organisation.values())
    subject = ngettext(
        "Weekly summary: %(count)s item overdue across the coalition",
        "Weekly summary: %(count)s items overdue across the coalition",
        count,
    ) % {"count": count}
    context = {
        "organisations": sorted(per_organisation.items()),
        "count": count,
        "longest": [_item_context(item, today) for item in longest],
        "list_url": settings.SITE_URL
        + reverse("admin:tracker_demand_changelist")
        + "?overdue=yes&organisation=all",
    }
    return subject, "emails/coordinator_summary", context


_BUILDERS = {
    Kind.MEETING_DIGEST: _meeting_digest,
    Kind.DEADLINE_BEFORE: _deadline_reminder,
    Kind.DEADLINE_DAY: _deadline_reminder,
    Kind.OVERDUE_WEEKLY: _overdue_digest,
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
