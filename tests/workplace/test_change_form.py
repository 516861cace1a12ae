"""The demand and statement change forms: what stands where, and what they offer."""

import pytest
from django.urls import reverse

from tests.factories import DemandFactory, StatementFactory, editor

pytestmark = pytest.mark.django_db

LEDGER_FIELDS = ["new_status", "public_note", "internal_note", "evidence_url", "occurred_on"]


def field_order(response) -> list[str]:
    return [
        name
        for fieldset in response.context["adminform"]
        for line in fieldset
        for field in line
        for name in [field.field["name"] if isinstance(field.field, dict) else field.field.name]
    ]


@pytest.mark.parametrize(
    ("factory", "url_name", "first_own_field"),
    [
        (DemandFactory, "admin:tracker_demand_change", "source"),
        (StatementFactory, "admin:tracker_statement_change", "actor"),
    ],
)
def test_the_ledger_fields_stand_together_before_the_items_own(
    client, factory, url_name, first_own_field
):
    user = editor()
    item = factory(organisation=user.organisation)
    client.force_login(user)

    order = field_order(client.get(reverse(url_name, args=[item.pk])))

    positions = [order.index(name) for name in LEDGER_FIELDS]
    assert positions == list(range(positions[0], positions[0] + len(LEDGER_FIELDS)))
    assert positions[-1] < order.index(first_own_field)


@pytest.mark.parametrize("url_name", ["admin:tracker_demand_add", "admin:tracker_statement_add"])
def test_an_add_form_shows_no_updated_date_for_an_item_not_yet_entered(client, url_name):
    client.force_login(editor())

    order = field_order(client.get(reverse(url_name)))

    assert "updated_at" not in order
    assert "created_at" not in order
    assert "is_published" in order


def test_a_change_form_shows_when_the_item_was_updated(client):
    user = editor()
    demand = DemandFactory(organisation=user.organisation)
    client.force_login(user)

    order = field_order(client.get(reverse("admin:tracker_demand_change", args=[demand.pk])))

    assert "updated_at" in order
