"""The fast select writes what Django's own select writes."""

import re

import pytest
from django import forms

from tracker.widgets import Select

pytestmark = pytest.mark.django_db

CHOICES = [("", "Any"), ("open", "Open"), ("in_progress", "In progress & <more>")]


def options(html: str) -> list[tuple[str, str, bool]]:
    return [
        (value, label, bool(selected))
        for value, selected, label in re.findall(
            r'<option value="([^"]*)"( selected)?>([^<]*)</option>', html
        )
    ]


@pytest.mark.parametrize("value", [None, "open", "in_progress"])
def test_the_same_options_labels_and_selection_as_djangos_select(value):
    ours = Select(choices=CHOICES).render("status", value, attrs={"id": "id_status"})
    theirs = forms.Select(choices=CHOICES).render("status", value, attrs={"id": "id_status"})

    assert options(ours) == options(theirs)
    assert ours.startswith('<select name="status" id="id_status">')
    assert "&lt;more&gt;" in ours  # Labels are escaped.
