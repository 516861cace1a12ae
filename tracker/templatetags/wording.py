"""``{% load wording %}``: the domain's words for readers (``tracker.wording``) as filters,
for the public pages, the reminders' mails and the staff's briefing alike."""

from django import template

from tracker import wording

register = template.Library()

for name in (
    "target",
    "nature",
    "made_on",
    "measured_on",
    "measured",
    "when",
    "when_in_full",
    "when_iso",
):
    register.filter(name, getattr(wording, name))
