"""Reading the ledger backwards: where an item stood at a given moment, and which entry
recorded what it says now."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from tracker.models import Source

from .models import Entry


def happened_before(entry: Entry, moment: datetime.datetime) -> bool:
    """Whether what ``entry`` records had happened by ``moment``: by the day it happened
    when the entry gives one (that whole day counts), else by when it was recorded."""
    if entry.occurred_on is not None:
        return entry.occurred_on <= timezone.localdate(moment)
    return entry.recorded_at <= moment


def happened_on(entry: Entry) -> datetime.date:
    """The day the event happened: the day the entry gives, else the day it was recorded."""
    return entry.occurred_on or timezone.localdate(entry.recorded_at)


def value_on(field: str, current: str, entries: Iterable[Entry], moment: datetime.datetime) -> str:
    """The value of ``field`` (a status, a response) an item had at ``moment``, from its
    ledger entries in any order (or rows of their ``seq``, ``occurred_on``, ``recorded_at``
    and ``changes``: ``public_site.visible.value_changes``).

    The new value of the last change that had happened by ``moment``; else the old value of
    the first change after it; else, with no change at all, the item's current value.
    """
    changes = sorted(
        (entry for entry in entries if field in entry.changes),
        key=lambda entry: (happened_on(entry), entry.seq),
    )
    before = [entry for entry in changes if happened_before(entry, moment)]
    if before:
        return before[-1].changes[field][1]
    # An item's first entry has no old value: it is where the item starts, whenever recorded.
    after = [
        entry
        for entry in changes
        if not happened_before(entry, moment) and entry.changes[field][0] is not None
    ]
    if after:
        return after[0].changes[field][0]
    return current


def status_on(current_status: str, entries: Iterable[Entry], moment: datetime.datetime) -> str:
    """The status an item had at ``moment``: see ``value_on``."""
    return value_on("status", current_status, entries, moment)


@dataclass(frozen=True)
class Record:
    """Where the ledger has the current value of a field from: the entry, the day it
    happened, the document that states it and the quoted words."""

    entry: Entry
    happened_on: datetime.date
    source: Source | None
    quote: str


def last_recorded(entries: Iterable[Entry], field: str) -> Record | None:
    """The last entry that changed ``field`` after the item was first entered (e.g. the
    response, the withdrawal of a promise), with its document and quoted words.

    A correction that brings no document of its own keeps those of the entry it corrects:
    it put right what was read from that document, not the document itself.
    """
    changed = [
        entry for entry in entries if field in entry.changes and entry.kind != Entry.Kind.CREATED
    ]
    if not changed:
        return None
    entry = max(changed, key=lambda entry: entry.seq)
    evidence = entry
    if entry.source_id is None and not entry.quote and entry.corrects_id is not None:
        evidence = entry.corrects
    return Record(entry, happened_on(evidence), evidence.source, evidence.quote)
