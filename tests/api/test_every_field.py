"""Every writable field of every API write, as each kind of user: an edit asks what entering
the item asks, so that no field can be set to a value its writer could not have entered the
item with (another organisation above all). The fields are read from the serializers, not
listed here, so that a field added later is walked too.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import transaction
from rest_framework import serializers

from accounts.models import Organisation
from api.serializers import LedgerNote, MeasurementSerializer
from api.urls import router
from tests.factories import DemandFactory
from tracker.models import Demand, Statement

pytestmark = pytest.mark.django_db

ROLES = ["editor_own", "editor_other", "coordinator", "staff_without_role", "anonymous"]
REFUSED = {401, 403}
# The write actions that post something other than an item's fields: the serializer each
# reads. A new action fails test_every_write_action_is_walked until it is named here.
ACTION_INPUTS = {("indicator", "measurements"): MeasurementSerializer}


def item_viewsets():
    return [
        (basename, viewset)
        for _prefix, viewset, basename in router.registry
        if getattr(viewset, "edit_serializer", None) is not None
    ]


def writable(serializer_class) -> dict[str, serializers.Field]:
    fields = serializer_class().fields
    return {
        name: field
        for name, field in fields.items()
        if not field.read_only and name not in LedgerNote.NOTE_FIELDS
    }


@pytest.fixture
def elsewhere(people, world):
    """Something of another organisation, for every relation that could point at one."""
    other = Organisation.objects.get(slug="save-the-children")
    demand = DemandFactory(
        reference="STC-2025-01", organisation=other, source=world["sources"][0], is_published=True
    )
    return other, demand


def value_for(name: str, field, current, elsewhere):
    """A value of ``field`` other than ``current`` that the item accepts, or one of another
    organisation where the field can name one."""
    other_organisation, other_demand = elsewhere
    if isinstance(field, serializers.ManyRelatedField):
        model = field.child_relation.queryset.model
        key = field.child_relation.slug_field
        chosen = other_demand if model is Demand else model.objects.order_by("-pk").first()
        return [getattr(chosen, key)]
    if isinstance(field, serializers.SlugRelatedField):
        model, key = field.queryset.model, field.slug_field
        if model is Organisation:
            return other_organisation.slug
        if model is Demand:
            return other_demand.reference
        currently = getattr(current, "pk", None)
        chosen = model.objects.exclude(pk=currently).order_by("pk").first()
        return getattr(chosen, key)
    if isinstance(field, serializers.BooleanField):
        return not current
    if isinstance(field, serializers.ChoiceField):
        choices = [choice for choice in field.choices if choice and choice != current]
        return choices[-1]
    if isinstance(field, serializers.DateField):
        return "2025-12-15"
    if isinstance(field, serializers.DecimalField | serializers.IntegerField):
        return str(Decimal(600))
    if isinstance(field, serializers.URLField):
        return "https://example.org/other.pdf"
    return f"Anders: {name}"


def tried(request, *args, **kwargs):
    """The answer to ``request(*args, **kwargs)``, and nothing it wrote: each case starts
    from the world."""
    with transaction.atomic():
        cache.clear()
        response = request(*args, **kwargs)
        transaction.set_rollback(True)
    cache.clear()
    return response


def the_item(world, model):
    return world["demands"][0] if model is Demand else world["commitment"]


def entering(world, model, item, **values) -> dict:
    """A body that enters an item like ``item`` (its organisation), with ``values``."""
    body = {
        "reference": "NEW-2025-77",
        "title_nl": "Nieuw",
        "quote": "Wij vragen.",
        "source": item.source.slug,
        "organisation": item.organisation.slug,
    }
    if model is Statement:
        body["actor"] = item.actor.slug
    return {**body, **values, "public_note": "Ingevoerd."}


def edit(client, address, body):
    etag = client.get(address)["ETag"]
    return client.patch(address, body, format="json", HTTP_IF_MATCH=etag)


def cases():
    for basename, viewset in item_viewsets():
        for name in writable(viewset.edit_serializer):
            yield pytest.param(basename, name, id=f"{basename}.{name}")


@pytest.mark.parametrize(("basename", "name"), list(cases()))
def test_an_edit_of_any_field_asks_what_entering_the_item_with_it_asks(
    clients, world, elsewhere, basename, name
):
    viewset = dict(item_viewsets())[basename]
    model = viewset.queryset.model
    item = the_item(world, model)
    address = f"/api/v1/{basename}s/{item.reference}/"
    field = writable(viewset.edit_serializer)[name]
    value = value_for(name, field, getattr(item, name, None), elsewhere)
    # The value decides who may only where it gives the item to another organisation.
    allowed = {"coordinator"} if name == "organisation" else {"editor_own", "coordinator"}
    for role in ROLES:
        client = clients[role]
        as_it_is = tried(edit, client, address, {"title_nl": "Anders", "public_note": "Beter."})
        edited = tried(edit, client, address, {name: value, "public_note": "Gewijzigd."})
        body = entering(world, model, item, **{name: value})
        entered = tried(client.post, f"/api/v1/{basename}s/", body, format="json")
        # Edited by whoever may edit the item as it is, and could enter it with the value.
        may = as_it_is.status_code not in REFUSED and entered.status_code not in REFUSED
        assert (edited.status_code not in REFUSED) == may, (
            role,
            edited.status_code,
            getattr(edited, "data", None),
            entered.status_code,
            getattr(entered, "data", None),
        )
        expected = 401 if role == "anonymous" else 200 if role in allowed else 403
        assert edited.status_code == expected, (role, getattr(edited, "data", None))
        if may:
            # The walk writes for real: a value the item accepts, not a refusal of another kind.
            assert edited.status_code == 200, (role, edited.data)
            assert entered.status_code == 201, (role, entered.data)


@pytest.mark.parametrize("basename", [basename for basename, _ in item_viewsets()])
def test_every_field_of_a_new_item_asks_the_same_of_each_role(clients, world, elsewhere, basename):
    viewset = dict(item_viewsets())[basename]
    model = viewset.queryset.model
    item = the_item(world, model)
    for name, field in writable(viewset.create_serializer).items():
        if name == "reference":
            continue  # Each body names a new one.
        value = value_for(name, field, None, elsewhere)
        allowed = {"editor_own", "coordinator"}
        if name == "organisation":  # Given to another organisation: its editor may.
            allowed = {"editor_other", "coordinator"}
        for role in ROLES:
            body = entering(world, model, item, **{name: value})
            response = tried(clients[role].post, f"/api/v1/{basename}s/", body, format="json")
            expected = 401 if role == "anonymous" else 201 if role in allowed else 403
            assert response.status_code == expected, (name, role, getattr(response, "data", None))


def entry_cases():
    for basename, viewset in item_viewsets():
        for kind, entry_input in viewset.entry_inputs.items():
            for name in writable(entry_input):
                if name != "kind":
                    yield pytest.param(basename, kind, name, id=f"{basename}.entries.{kind}.{name}")


ENTRY_BASES = {
    "status": {"status": "in_progress"},
    "deadline": {"deadline": "2026-03-01"},
    "response": {"response": "accepted", "responded_on": "2025-10-01"},
}


@pytest.mark.parametrize(("basename", "kind", "name"), list(entry_cases()))
def test_no_field_of_an_entry_changes_who_may_post_it(
    clients, world, elsewhere, basename, kind, name
):
    viewset = dict(item_viewsets())[basename]
    item = the_item(world, viewset.queryset.model)
    address = f"/api/v1/{basename}s/{item.reference}/entries/"
    field = writable(viewset.entry_inputs[kind])[name]
    base = {"kind": kind, **ENTRY_BASES[kind], "public_note": "Na het debat."}
    body = {**base, name: value_for(name, field, base.get(name), elsewhere)}
    for role in ROLES:
        response = tried(clients[role].post, address, body, format="json")
        expected = {"anonymous": 401, "editor_own": 201, "coordinator": 201}.get(role, 403)
        assert response.status_code == expected, (role, getattr(response, "data", None))


def test_every_write_action_is_walked():
    posting = {
        (basename, action.url_path)
        for _prefix, viewset, basename in router.registry
        for action in viewset.get_extra_actions()
        if "post" in action.mapping
    }
    walked = {(basename, "entries") for basename, _ in item_viewsets()} | set(ACTION_INPUTS)
    assert posting == walked


@pytest.mark.parametrize("name", list(writable(MeasurementSerializer)))
def test_no_field_of_a_figure_changes_who_may_add_it(clients, world, elsewhere, name):
    field = writable(MeasurementSerializer)[name]
    base = {"date": "2025-12-01", "value": "7000", "qualifier": "exact", "nature": "counted"}
    body = {**base, name: value_for(name, field, base.get(name), elsewhere)}
    if name == "date":
        body[name] = datetime.date(2025, 12, 2).isoformat()
    address = f"/api/v1/indicators/{world['indicator'].slug}/measurements/"
    for role in ROLES:
        response = tried(clients[role].post, address, body, format="json")
        expected = {"anonymous": 401, "coordinator": 201}.get(role, 403)
        assert response.status_code == expected, (role, getattr(response, "data", None))
