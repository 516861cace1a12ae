"""The one door through which demands and government statements are entered and changed.

Every change is a ledger ``Entry`` written in the same transaction as the new values. The
admin, the bulk actions, the import, the seed loader, the API and the tests all call these
functions; nothing else writes a field named in ``LEDGER_FIELDS``.

Writers queue on the chain head's row lock (``writing``), taken before any item is locked,
so appends never give up and never deadlock. Each function re-reads its item under a lock
and starts from that, never from the caller's copy; with ``expected_version`` it refuses a
change made from an out-of-date page (``StaleEdit``).
"""

import datetime
import secrets
import threading
from collections.abc import Iterable
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from tracker.models import Demand, Response, Source, Status, TrackedItem

from . import chain, checkpoints
from .head import lock_head, move_head
from .models import Entry
from .state import Words, diff, subject_key

Kind = Entry.Kind

_local = threading.local()


class StaleEdit(ValidationError):
    """The item changed since the page that sends this change was opened."""


@contextmanager
def writing():
    """A transaction that appends to the ledger. Takes the chain head's lock first (nested
    calls share it) and signs a checkpoint once the outermost one has committed."""
    depth = getattr(_local, "depth", 0)
    with transaction.atomic():
        if depth == 0:
            lock_head()
            transaction.on_commit(checkpoints.sign_after_commit)
        _local.depth = depth + 1
        try:
            yield
        finally:
            _local.depth = depth


def _lock(item: TrackedItem) -> TrackedItem:
    return type(item)._default_manager.select_for_update().get(pk=item.pk)


def _check_version(current: TrackedItem, expected_version: int | None) -> None:
    if expected_version is None or current.version == expected_version:
        return
    when = formats.date_format(timezone.localtime(current.updated_at), "DATETIME_FORMAT")
    who = str(current.updated_by) if current.updated_by_id else _("someone")
    raise StaleEdit(
        _(
            "%(who)s changed %(reference)s on %(when)s, after you opened this page. Nothing "
            "of yours was saved: reload the page to see their change, then make yours again."
        )
        % {"who": who, "reference": current.reference, "when": when}
    )


def _new_entry(
    seq: int,
    previous_hash: str,
    item: TrackedItem,
    kind: str,
    changes: dict[str, list],
    *,
    by,
    public_note: str = "",
    internal_note: str = "",
    evidence_url: str = "",
    occurred_on: datetime.date | None = None,
    source: Source | None = None,
    quote: str = "",
    corrects: Entry | None = None,
) -> Entry:
    """An unsaved entry at position ``seq`` after ``previous_hash``, its hashes computed."""
    recorded_at = timezone.now().replace(microsecond=0)
    salt = secrets.token_hex(32)
    private = chain.private_digest(salt, internal_note, by.pk if by is not None else None)
    content = chain.digest(
        chain.preimage(
            seq=seq,
            kind=kind,
            subject=subject_key(item),
            occurred_on=occurred_on,
            recorded_at=recorded_at,
            changes=changes,
            public_note=public_note,
            evidence_url=evidence_url,
            source=source.slug if source else None,
            quote=quote,
            corrects=corrects.seq if corrects else None,
            private_digest=private,
        )
    )
    return Entry(
        seq=seq,
        kind=kind,
        **{item._meta.model_name: item},
        occurred_on=occurred_on,
        recorded_at=recorded_at,
        changes=changes,
        public_note=public_note,
        evidence_url=evidence_url,
        source=source,
        quote=quote,
        corrects=corrects,
        internal_note=internal_note,
        author=by,
        salt=salt,
        private_digest=private,
        content_digest=content,
        previous_hash=previous_hash,
        entry_hash=chain.link_hash(seq, recorded_at, content, previous_hash),
    )


def _append_many(drafts: Iterable[tuple[TrackedItem, str, dict[str, list], dict]]) -> list[Entry]:
    """Write one entry per ``(item, kind, changes, details)`` at the head of the chain, in
    order, in a few queries however many. The caller holds ``writing()``."""
    head = lock_head()
    seq, previous, entries = head.seq, head.entry_hash, []
    for item, kind, changes, details in drafts:
        seq += 1
        entry = _new_entry(seq, previous, item, kind, changes, **details)
        entries.append(entry)
        previous = entry.entry_hash
    if entries:
        Entry.objects.bulk_create(entries, batch_size=500)
        move_head(seq, previous)
    return entries


def _append(item: TrackedItem, kind: str, changes: dict[str, list], **details) -> Entry:
    """Write one entry at the head of the chain. The caller holds ``writing()``."""
    return _append_many([(item, kind, changes, details)])[0]


def _split(model: type[TrackedItem], values: dict[str, Any]):
    many = {n: v for n, v in values.items() if model._meta.get_field(n).many_to_many}
    single = {n: v for n, v in values.items() if n not in many}
    return single, many


def _store(item: TrackedItem, values: dict[str, Any], by, moment: datetime.datetime) -> None:
    """Write ``values`` to the item's row (and relations), bump its version, and mirror them
    on the caller's copy."""
    model = type(item)
    single, many = _split(model, values)
    columns = {model._meta.get_field(n).attname: _pk(v) for n, v in single.items()}
    model._default_manager.filter(pk=item.pk).update(
        **columns, version=F("version") + 1, updated_at=moment, updated_by=by
    )
    for name, objects in many.items():
        getattr(item, name).set(objects)
    for name, value in single.items():
        setattr(item, name, value)
    item.version = model._default_manager.values_list("version", flat=True).get(pk=item.pk)
    item.updated_at, item.updated_by = moment, by


def _pk(value):
    return value.pk if hasattr(value, "_meta") else value


def _not_after_today(day: datetime.date | None, field: str = "occurred_on") -> None:
    """Refuse an event dated after today, in the site's time zone: the ledger records what
    happened, and an entry can only be corrected, never removed."""
    today = timezone.localdate()
    if day is None or day <= today:
        return
    if field == "responded_on":
        message = _(
            "The day of the response (%(day)s) is after today (%(today)s): record a response "
            "once it has been given."
        )
    else:
        message = _(
            "“Happened on” (%(day)s) is after today (%(today)s): the ledger records what "
            "happened, not what is planned. Record it on the day it happens."
        )
    raise ValidationError(
        {
            field: ValidationError(
                message,
                code="future",
                params={"day": formats.date_format(day), "today": formats.date_format(today)},
            )
        }
    )


def _required_note(note: str, message: str) -> str:
    note = (note or "").strip()
    if not note:
        raise ValidationError({"public_note": message})
    return note


def enter(
    item: TrackedItem,
    *,
    by,
    relations: dict[str, Iterable] | None = None,
    public_note: str = "",
    internal_note: str = "",
    evidence_url: str = "",
    occurred_on: datetime.date | None = None,
) -> Entry:
    """Save a new item and write its first entry: everything it says publicly."""
    if item.pk is not None:
        raise ValueError(f"{item} is already in the ledger.")
    _not_after_today(occurred_on)
    with writing():
        item.version, item.updated_by = 1, by
        item.save()
        for name, objects in (relations or {}).items():
            getattr(item, name).set(objects)
        state = Words().state(item)
        return _append(
            item,
            Kind.CREATED,
            {name: [None, value] for name, value in state.items()},
            by=by,
            public_note=(public_note or "").strip(),
            internal_note=(internal_note or "").strip(),
            evidence_url=(evidence_url or "").strip(),
            occurred_on=occurred_on,
            source=item.source,
        )


def enter_many(
    items: list[TrackedItem],
    *,
    by=None,
    relations: dict[str, list[list]] | None = None,
    public_note: str = "",
    occurred_on: datetime.date | None = None,
) -> list[Entry]:
    """Enter many new items of one model at once: ``enter`` in a few queries, for imports of
    thousands and for the benchmark. ``relations`` maps a many-to-many field to one list of
    related objects per item."""
    _not_after_today(occurred_on)
    if not items:
        return []
    model = type(items[0])
    with writing():
        for item in items:
            item.version, item.updated_by = 1, by
        model._default_manager.bulk_create(items, batch_size=500)
        for name, per_item in (relations or {}).items():
            field = model._meta.get_field(name)
            through = field.remote_field.through
            own, other = field.m2m_field_name(), field.m2m_reverse_field_name()
            through.objects.bulk_create(
                (
                    through(**{f"{own}_id": item.pk, f"{other}_id": _pk(related)})
                    for item, related_objects in zip(items, per_item, strict=True)
                    for related in related_objects
                ),
                batch_size=1000,
            )
        words = Words()
        words.preload(model, model.LEDGER_FIELDS)
        return _append_many(
            (
                item,
                Kind.CREATED,
                {name: [None, value] for name, value in words.state(item).items()},
                {
                    "by": by,
                    "public_note": public_note,
                    "occurred_on": occurred_on,
                    "source": item.source,
                },
            )
            for item in items
        )


def update(
    item: TrackedItem,
    values: dict[str, Any],
    *,
    by,
    public_note: str = "",
    internal_note: str = "",
    evidence_url: str = "",
    occurred_on: datetime.date | None = None,
    expected_version: int | None = None,
) -> Entry | None:
    """Change what ``item`` says: a revision entry with the old and new words of every public
    field that changes, and its reason. Internal fields (owner, priority, ...) are saved
    without an entry. Status, deadline and response have their own functions."""
    model = type(item)
    guarded = {"status", "deadline", "response", "responded_on"} & values.keys()
    if guarded:
        raise ValueError(f"Use the ledger's own function to change {', '.join(sorted(guarded))}.")
    _not_after_today(occurred_on)
    with writing():
        current = _lock(item)
        _check_version(current, expected_version)
        words = Words()
        recorded = [name for name in values if name in model.LEDGER_FIELDS]
        before = words.state(current, tuple(recorded)) if recorded else {}
        after = {name: words.word(model, name, values[name]) for name in recorded}
        changes = diff(before, after)
        entry = None
        if changes:
            entry = _append(
                current,
                Kind.REVISED,
                changes,
                by=by,
                public_note=_required_note(
                    public_note, _("Say why it changes: the revision is recorded in the ledger.")
                ),
                internal_note=(internal_note or "").strip(),
                evidence_url=(evidence_url or "").strip(),
                occurred_on=occurred_on,
            )
        internal = {n: v for n, v in values.items() if n not in model.LEDGER_FIELDS}
        unchanged_internal = all(_same(current, name, value) for name, value in internal.items())
        if entry is None and unchanged_internal:
            return None
        _store(
            item,
            {n: v for n, v in values.items() if n in changes or n in internal},
            by,
            entry.recorded_at if entry else timezone.now(),
        )
        return entry


def _same(current: TrackedItem, name: str, value: Any) -> bool:
    field = current._meta.get_field(name)
    if field.many_to_many:
        return {_pk(v) for v in value} == set(getattr(current, name).values_list("pk", flat=True))
    return getattr(current, field.attname) == _pk(value)


def _change(
    item: TrackedItem,
    kind: str,
    values: dict[str, Any],
    *,
    by,
    public_note: str,
    internal_note: str = "",
    evidence_url: str = "",
    occurred_on: datetime.date | None = None,
    source: Source | None = None,
    quote: str = "",
    corrects: Entry | None = None,
    expected_version: int | None = None,
    unchanged: str,
) -> Entry:
    """One change of a guarded field (status, deadline, response), re-read under the lock."""
    with writing():
        current = _lock(item)
        _check_version(current, expected_version)
        words = Words()
        model = type(item)
        changes = diff(
            words.state(current, tuple(values)),
            {name: words.word(model, name, value) for name, value in values.items()},
        )
        if not changes:
            raise ValidationError(unchanged)
        entry = _append(
            current,
            kind,
            changes,
            by=by,
            public_note=public_note,
            internal_note=(internal_note or "").strip(),
            evidence_url=(evidence_url or "").strip(),
            occurred_on=occurred_on,
            source=source,
            quote=(quote or "").strip(),
            corrects=corrects,
        )
        _store(item, values, by, entry.recorded_at)
        return entry


def record_status_change(
    item: TrackedItem,
    to_status: str,
    *,
    by,
    public_note: str,
    internal_note: str = "",
    evidence_url: str = "",
    occurred_on: datetime.date | None = None,
    source: Source | None = None,
    quote: str = "",
    expected_version: int | None = None,
) -> Entry:
    """Move ``item`` to ``to_status``, saying why (publicly), with the evidence.

    Raises ``ValidationError`` for an unknown status, the current status, or no public note.
    """
    if to_status not in Status.values:
        raise ValidationError(
            {"to_status": _("Unknown status “%(status)s”.") % {"status": to_status}}
        )
    note = _required_note(public_note, _("Say why the status changes in the public note."))
    _not_after_today(occurred_on)
    return _change(
        item,
        Kind.STATUS,
        {"status": to_status},
        by=by,
        public_note=note,
        internal_note=internal_note,
        evidence_url=evidence_url,
        occurred_on=occurred_on,
        source=source,
        quote=quote,
        expected_version=expected_version,
        unchanged=_("%(reference)s already has the status “%(status)s”.")
        % {"reference": item.reference, "status": Status(to_status).label},
    )


def record_status_changes(
    items: list[TrackedItem],
    to_status: str,
    *,
    by,
    public_note: str,
    internal_note: str = "",
    evidence_url: str = "",
    occurred_on: datetime.date | None = None,
) -> tuple[list[Entry], list[TrackedItem]]:
    """Move many items of one model to ``to_status`` at once, one entry each: the bulk
    action's door. Items already in that status are left alone and returned as skipped.

    Costs a handful of queries per thousand items, not per item.
    """
    if to_status not in Status.values:
        raise ValidationError(
            {"to_status": _("Unknown status “%(status)s”.") % {"status": to_status}}
        )
    note = _required_note(public_note, _("Say why the status changes in the public note."))
    _not_after_today(occurred_on)
    if not items:
        return [], []
    model = type(items[0])
    with writing():
        current = list(
            model._default_manager.select_for_update()
            .filter(pk__in=[item.pk for item in items])
            .order_by("pk")
        )
        moving = [item for item in current if item.status != to_status]
        skipped = [item for item in current if item.status == to_status]
        details = {
            "by": by,
            "public_note": note,
            "internal_note": (internal_note or "").strip(),
            "evidence_url": (evidence_url or "").strip(),
            "occurred_on": occurred_on,
        }
        entries = _append_many(
            (item, Kind.STATUS, {"status": [item.status, to_status]}, details) for item in moving
        )
        moment = entries[-1].recorded_at if entries else timezone.now()
        model._default_manager.filter(pk__in=[item.pk for item in moving]).update(
            status=to_status, version=F("version") + 1, updated_at=moment, updated_by=by
        )
        return entries, skipped


def record_deadline_change(
    item: TrackedItem,
    to_deadline: datetime.date | None,
    *,
    by,
    public_note: str,
    internal_note: str = "",
    evidence_url: str = "",
    occurred_on: datetime.date | None = None,
    deadline_text: str | None = None,
    source: Source | None = None,
    quote: str = "",
    expected_version: int | None = None,
) -> Entry:
    """Set, extend, move or pause (``None``) the deadline, with the reason in the ledger.

    A paused item is not overdue, and its history says why its date moved. ``deadline_text``
    changes the source's own words for the time along with it.
    """
    note = _required_note(public_note, _("Say why the deadline changes in the public note."))
    _not_after_today(occurred_on)
    values: dict[str, Any] = {"deadline": to_deadline}
    if deadline_text is not None:
        values["deadline_text"] = deadline_text.strip()
    return _change(
        item,
        Kind.DEADLINE,
        values,
        by=by,
        public_note=note,
        internal_note=internal_note,
        evidence_url=evidence_url,
        occurred_on=occurred_on,
        source=source,
        quote=quote,
        expected_version=expected_version,
        unchanged=_("The deadline is already %(deadline)s.")
        % {"deadline": formats.date_format(to_deadline) if to_deadline else _("not set")},
    )


def record_response(
    demand: Demand,
    response: str,
    *,
    by,
    responded_on: datetime.date,
    source: Source | None = None,
    quote: str = "",
    public_note: str = "",
    internal_note: str = "",
    evidence_url: str = "",
    expected_version: int | None = None,
) -> Entry:
    """Record how the addressee answered ``demand``: when, in which document, in which words.

    The response is kept apart from the status: an addressee often answers long before it
    acts, and "rejected" is not "not yet done".
    """
    if not isinstance(demand, Demand):
        raise ValidationError(_("Only a demand has a response."))
    if response not in Response.values:
        raise ValidationError(
            {"response": _("Unknown response “%(response)s”.") % {"response": response}}
        )
    if responded_on is None:
        raise ValidationError({"responded_on": _("Give the day of the response.")})
    _not_after_today(responded_on, "responded_on")
    if not (quote or "").strip() and not (public_note or "").strip():
        raise ValidationError(
            {"quote": _("Quote the response, or say in the public note what was answered.")}
        )
    return _change(
        demand,
        Kind.RESPONSE,
        {"response": response, "responded_on": responded_on},
        by=by,
        public_note=(public_note or "").strip(),
        internal_note=internal_note,
        evidence_url=evidence_url,
        occurred_on=responded_on,
        source=source,
        quote=quote,
        expected_version=expected_version,
        unchanged=_("This response is already recorded."),
    )


def record_correction(
    wrong: Entry,
    values: dict[str, Any],
    *,
    by,
    public_note: str,
    internal_note: str = "",
    evidence_url: str = "",
) -> Entry:
    """Put right what ``wrong`` recorded: a new entry that points at it and restores
    ``values``. The wrong entry stays in the chain, marked as corrected."""
    note = _required_note(public_note, _("Say what was wrong in the public note."))
    return _change(
        wrong.subject,
        Kind.CORRECTION,
        values,
        by=by,
        public_note=note,
        internal_note=internal_note,
        evidence_url=evidence_url,
        corrects=wrong,
        unchanged=_("The correction changes nothing."),
    )


def entries_of(item: TrackedItem):
    """The item's entries, oldest first."""
    return Entry.objects.filter(**{item._meta.model_name: item}).order_by("seq")
