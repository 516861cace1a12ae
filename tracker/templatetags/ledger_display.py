"""Template helpers for showing ledger entries to readers."""

from django import template

from ledger import display

register = template.Library()


@register.filter
def described_changes(entry):
    """The entry's changes as (label, old, new) in readers' words."""
    return display.changes(entry)


@register.filter
def ledger_word(value, field: str):
    """A ledger word (a status, a response, a date) as a reader reads it."""
    return display.word(field, value)
