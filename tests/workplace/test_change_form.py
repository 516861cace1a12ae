"""The demand and statement change forms: what stands where, and what they offer."""

import pytest
from django.urls import reverse

from tests.factories import DemandFactory, StatementFactory, UserFactory, coordinator, editor

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


def owner_search(client, model: str, **params):
    url = reverse(f"admin:tracker_{model}_owner_autocomplete")
    query = {"app_label": "tracker", "model_name": model, "field_name": "owner", **params}
    return {row["text"] for row in client.get(url, query).json()["results"]}


@pytest.mark.parametrize("model", ["demand", "statement"])
def test_the_owner_type_ahead_offers_active_staff_of_the_chosen_organisation(client, model):
    colleague = UserFactory(name="Collega")
    UserFactory(name="Elders")
    UserFactory(name="Vertrokken", organisation=colleague.organisation, is_active=False)
    UserFactory(name="Geen staf", organisation=colleague.organisation, is_staff=False)
    client.force_login(coordinator(organisation=colleague.organisation))

    offered = owner_search(client, model, organisation=colleague.organisation_id, term="")

    assert "Collega" in offered
    assert not {"Elders", "Vertrokken", "Geen staf"} & offered


def test_the_statement_form_asks_the_owner_type_ahead_with_its_organisation(client):
    client.force_login(coordinator())

    page = client.get(reverse("admin:tracker_statement_add")).content.decode()

    assert reverse("admin:tracker_statement_owner_autocomplete") in page
    assert "js/owner-picker.js" in page


def test_an_editor_picks_colleagues_from_a_list_not_from_the_type_ahead(client):
    user = editor()
    client.force_login(user)
    url = reverse("admin:tracker_statement_owner_autocomplete")
    query = {"app_label": "tracker", "model_name": "statement", "field_name": "owner"}

    assert client.get(url, query).status_code == 403
