"""Reading the ledger backwards: where an item stood at a given moment."""

import datetime
from collections.abc import Iterable

from django.utils import timezone

from ledger.models import Entry


def happened_before(entry: Entry, moment: datetime.datetime) -> bool:
    """Whether what ``entry`` records had happened by ``moment``: by the day it happened
    when the entry gives one (that whole day counts), else by when it was recorded."""
    if entry.occurred_on is not None:
        return entry.occurred_on <= timezone.localdate(moment)
    return entry.recorded_at <= moment


def status_on(current_status: str, entries: Iterable[Entry], moment: datetime.datetime) -> str:
    """The status an item had at ``moment``, from its ledger entries (in any order).

    The new status of the last change that had happened by ``moment``; else the old status of
    the first change after it; else, with no change at all, the item's current status.
    """
    changes = sorted(
        (entry for entry in entries if "status" in entry.changes),
        key=lambda entry: (entry.occurred_on or timezone.localdate(entry.recorded_at), entry.seq),
    )
    before = [entry for entry in changes if happened_before(entry, moment)]
    if before:
        return before[-1].changes["status"][1]
    # An item's first entry has no old status: it is where the item starts, whenever recorded.
    after = [
        entry
        for entry in changes
        if not happened_before(entry, moment) and entry.changes["status"][0] is not None
    ]
    if after:
        return after[0].changes["status"][0]
    return current_status
