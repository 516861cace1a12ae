"""Reading the ledger backwards: where an item stood at a given moment."""

import datetime
from collections.abc import Iterable

from .models import StatusChange


def status_on(
    current_status: str, entries: Iterable[StatusChange], moment: datetime.datetime
) -> str:
    """The status an item had at ``moment``, from its ledger entries (in any order).

    The ``to_status`` of the last entry up to ``moment``; else the ``from_status`` of the first
    entry after it; else, with no entries at all, the item's current status.
    """
    entries = sorted(entries, key=lambda entry: (entry.created_at, entry.id))
    before = [entry for entry in entries if entry.created_at <= moment]
    if before:
        return before[-1].to_status
    if entries:
        return entries[0].from_status
    return current_status
