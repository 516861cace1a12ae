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
