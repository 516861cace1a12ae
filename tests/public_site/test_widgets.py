"""The fast select writes what Django's own select writes."""

import re

import pytest
from django import forms

from public_site.widgets import Select

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


@pytest.mark.parametrize("language", ["nl", "en"])
def test_filter_options_read_from_rows_name_each_item_as_its_model_does(language):
    """The public filters build their options from plain rows (``RowOptions``): each label
    must be the item's own name, as a select of model instances would show it."""
    from django.utils import translation

    from public_site.filters import DemandFilter, StatementFilter
    from tests.public_site.world import build_world
    from tracker.models import Actor

    build_world(10)
    Actor.objects.create(slug="alleen-nl", name_nl="Alleen Nederlands")  # No English name.
    with translation.override(language):
        for filterset, name in [
            (DemandFilter, "theme"),
            (DemandFilter, "addressee"),
            (DemandFilter, "raised_by"),
            (DemandFilter, "source"),
            (StatementFilter, "actor"),
            (StatementFilter, "source"),
        ]:
            field = filterset({}).form.fields[name]
            expected = [(item.slug, str(item)) for item in field.queryset]
            shown = [(value, label) for value, label in field.choices if value]
            assert shown == expected, name
            assert len(expected) > 0 or name == "raised_by", name
