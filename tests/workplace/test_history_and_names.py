"""An item's admin history page points to its ledger; the admin names every section in Dutch."""

import pytest
from django.urls import reverse

from tests.workplace.world import build_staff_world

pytestmark = pytest.mark.django_db


def test_a_demands_history_page_links_to_its_ledger_entries(client):
    world = build_staff_world()
    demand = world["demand"]
    client.force_login(world["users"]["owning_editor"])

    page = client.get(reverse("admin:tracker_demand_history", args=[demand.pk])).content.decode()

    link = f"{reverse('admin:ledger_entry_changelist')}?q={demand.reference}"
    assert f'href="{link}"' in page
    assert "staat in het register" in page
    entries = client.get(link).content.decode()
    assert demand.reference in entries


def test_the_login_protections_sections_are_named_in_dutch(client):
    world = build_staff_world()
    client.force_login(world["users"]["superuser"])

    page = client.get(reverse("admin:index")).content.decode()

    for name in (
        "Inlogbeveiliging: mislukte pogingen",
        "Inloggen in twee stappen: authenticator-apps",
        "Inloggen in twee stappen: herstelcodes",
        "Aanmeldpogingen",
    ):
        assert name in page
    assert "Access attempts" not in page and ">Axes<" not in page
