"""The one door through which a demand's or commitment's status and deadline change.

Every change is a ``StatusChange`` entry, written in the same transaction as the new
status, chained by SHA-256 to the entry before it. The admin, the bulk action, imports,
the API and the tests all call these functions; nothing else writes ``status``.
"""

import datetime
import hashlib
import json
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Commitment, Demand, Status, StatusChange, TrackedItem

GENESIS = ""
_APPEND_ATTEMPTS = 5


def entry_hash(entry: StatusChange) -> str:
    """SHA-256 over everything an entry says, and the hash of the entry before it."""
    content = {
        "demand": entry.demand_id,
        "commitment": entry.commitment_id,
        "from_status": entry.from_status,
        "to_status": entry.to_status,
        "from_deadline": _iso(entry.from_deadline),
        "to_deadline": _iso(entry.to_deadline),
        "public_note": entry.public_note,
        "internal_note": entry.internal_note,
        "evidence_url": entry.evidence_url,
        "author": entry.author_id,
        "created_at": entry.created_at.astimezone(datetime.UTC).isoformat(timespec="microseconds"),
        "previous_hash": entry.previous_hash,
    }
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _iso(day: datetime.date | None) -> str:
    return day.isoformat() if day else ""


def record_status_change(
    subject: TrackedItem,
    to_status: str,
    by,
    public_note: str = "",
    internal_note: str = "",
    evidence_url: str = "",
) -> StatusChange:
    """Move ``subject`` to ``to_status`` and write the ledger entry that says who, why, with what.

    Raises ``ValidationError`` for an unknown status, a change to the current status, or a
    change without a public note (the public timeline always says why).
    """
    if to_status not in Status.values:
        raise ValidationError(_("Unknown status “%(status)s”.") % {"status": to_status})
    if not public_note.strip():
        raise ValidationError(_("Say why the status changes in the public note."))
    with transaction.atomic():
        current = _lock(subject)
        if current.status == to_status:
            raise ValidationError(
                _("%(reference)s already has the status “%(status)s”.")
                % {"reference": current.reference, "status": Status(to_status).label}
            )
        entry = _append(
            current,
            from_status=current.status,
            to_status=to_status,
            from_deadline=current.deadline,
            to_deadline=current.deadline,
            public_note=public_note.strip(),
            internal_note=internal_note.strip(),
            evidence_url=evidence_url.strip(),
            author=by,
        )
        type(current).objects.filter(pk=current.pk).update(
            status=to_status, updated_at=entry.created_at
        )
    subject.status = to_status
    return entry


def record_deadline_change(
    subject: TrackedItem,
    to_deadline: datetime.date | None,
    by,
    public_note: str = "",
    internal_note: str = "",
    evidence_url: str = "",
) -> StatusChange:
    """Extend, move or pause (``None``) the deadline of ``subject``, with the reason in the ledger.

    A paused item is not overdue, and its history says why its date moved.
    """
    if not public_note.strip():
        raise ValidationError(_("Say why the deadline changes in the public note."))
    with transaction.atomic():
        current = _lock(subject)
        if current.deadline == to_deadline:
            raise ValidationError(
                _("The deadline is already %(deadline)s.")
                % {"deadline": to_deadline or _("not set")}
            )
        entry = _append(
            current,
            from_status=current.status,
            to_status=current.status,
            from_deadline=current.deadline,
            to_deadline=to_deadline,
            public_note=public_note.strip(),
            internal_note=internal_note.strip(),
            evidence_url=evidence_url.strip(),
            author=by,
        )
        type(current).objects.filter(pk=current.pk).update(
            deadline=to_deadline, updated_at=entry.created_at
        )
    subject.deadline = to_deadline
    return entry


def _lock(subject: TrackedItem) -> TrackedItem:
    """Re-read the subject under a row lock, so that two changes never start from one status."""
    return type(subject).objects.select_for_update().get(pk=subject.pk)


def chain_head() -> str:
    """The hash of the newest entry: what the next entry must point to."""
    head = StatusChange.objects.order_by("-id").values_list("entry_hash", flat=True).first()
    return head or GENESIS


def _append(subject: TrackedItem, **fields) -> StatusChange:
    """Append an entry at the chain's head, retrying if another writer took the head first."""
    subject_field = {"demand": subject} if isinstance(subject, Demand) else {"commitment": subject}
    assert isinstance(subject, Demand | Commitment)
    for _attempt in range(_APPEND_ATTEMPTS):
        entry = StatusChange(
            **subject_field, **fields, created_at=timezone.now(), previous_hash=chain_head()
        )
        entry.entry_hash = entry_hash(entry)
        try:
            with transaction.atomic():
                entry.save()
        except IntegrityError:
            # previous_hash is unique: another entry was appended to the same head. Retry.
            continue
        return entry
    raise RuntimeError("Could not append to the ledger: the chain head kept moving.")


@dataclass(frozen=True)
class LedgerBreak:
    entry_id: int
    reason: str


def find_break(chunk_size: int = 2000) -> tuple[int, LedgerBreak | None]:
    """Walk the whole ledger in order: how many entries verified, and the first broken one.

    Reads in chunks so that memory stays flat however long the ledger grows.
    """
    previous = GENESIS
    verified = 0
    for entry in StatusChange.objects.order_by("id").iterator(chunk_size=chunk_size):
        if entry.previous_hash != previous:
            return verified, LedgerBreak(entry.id, "it does not point to the entry before it")
        if entry_hash(entry) != entry.entry_hash:
            return verified, LedgerBreak(entry.id, "its content does not match its hash")
        previous = entry.entry_hash
        verified += 1
    return verified, None
