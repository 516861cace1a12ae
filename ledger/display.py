"""An entry's changes in words a reader understands: labels for statuses, responses and
kinds, dates written out, yes and no."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tracker.models import (
    DatePrecision,
    Demand,
    Qualifier,
    Response,
    Statement,
    Status,
)

from .models import Entry

_CHOICES = {
    "status": Status,
    "response": Response,
    "target_qualifier": Qualifier,
    "kind": Statement.Kind,
    "made_on_precision": DatePrecision,
}
# Format-1 entries used statuses that described the response, not the work.
_LEGACY_STATUS = {
    "acknowledged": gettext_lazy("Acknowledged"),
    "committed": gettext_lazy("Committed"),
    "rejected": gettext_lazy("Rejected"),
}


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    old: str
    new: str


def _label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # A field that no longer exists keeps its own name.
        return name


def word(name: str, value: Any) -> str:
    if value is None or value == "" or value == []:
        return "–"
    if name in _CHOICES:
        try:
            return str(_CHOICES[name](value).label)
        except ValueError:
            return str(_LEGACY_STATUS.get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if name in ("deadline", "responded_on", "made_on") and isinstance(value, str):
        try:
            return formats.date_format(datetime.date.fromisoformat(value), "DATE_FORMAT")
        except ValueError:
            return value
    return str(value)


def changes(entry: Entry) -> list[Change]:
    model = Demand if entry.demand_id else Statement
    return [
        Change(name, _label(model, name), word(name, old), word(name, new))
        for name, (old, new) in entry.changes.items()
    ]


def headline(entry: Entry) -> str:
    """What an entry records, in one line: for a feed, or a list of the latest changes."""
    described = {change.field: change for change in changes(entry)}
    kind = entry.kind
    if kind == Entry.Kind.RESPONSE and "response" in described:
        return _("Response: %(response)s") % {"response": described["response"].new}
    if kind == Entry.Kind.CORRECTION and entry.corrects_id:
        what = "; ".join(f"{c.label}: {c.old} → {c.new}" for c in described.values())
        return _("Correction of entry #%(seq)s: %(what)s") % {
            "seq": entry.corrects.seq,
            "what": what,
        }
    if kind == Entry.Kind.REVISED:
        return _("Text revised: %(fields)s") % {
            "fields": ", ".join(change.label for change in described.values())
        }
    shown = [
        described[name] for name in ("status", "deadline", "deadline_text") if name in described
    ]
    if shown:
        return "; ".join(f"{c.label.capitalize()}: {c.old} → {c.new}" for c in shown)
    return entry.get_kind_display()
