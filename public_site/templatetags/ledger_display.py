"""Template helpers for showing ledger entries to readers."""

from django import template

from ledger import display, history

register = template.Library()


@register.filter
def ledger_word(value, field: str):
    """A ledger word (a status, a response, a date) as a reader reads it."""
    return display.word(field, value)


@register.filter
def headline(entry):
    """What the entry records, in one line."""
    return display.headline(entry)


@register.filter
def last_recorded(entries, field: str):
    """Where the current value of ``field`` comes from: a ``history.Record`` or None."""
    return history.last_recorded(entries, field)


@register.filter
def happened_on(entry):
    """The day the entry's event happened: its own date, else the day it was recorded."""
    return history.happened_on(entry)
