"""An editor's and a coordinator's ledger work in a real browser, against today's model
(demands, commitments, ``StatusChange``): a status change with evidence, a deadline moved
with a reason, and a government commitment that answers two demands. To be redone when
the ledger gets its own entries (statements, responses, revisions).

Screenshots in test-artifacts/screenshots/admin/.
"""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.test_admin_walkthroughs import (
    coalition,
    log_in,
    pick_in_autocomplete,
    screenshot,
)
from tracker.models import Commitment, Demand, Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

__all__ = ["coalition"]  # the fixture, shared with the coordinator's walk-throughs

EVIDENCE = "https://www.rijksoverheid.nl/documenten/kamerstukken/2026/taskforce"


def open_demand(page, live_server, reference: str) -> Demand:
    demand = Demand.objects.get(reference=reference)
    page.goto(live_server.url + reverse("admin:tracker_demand_change", args=[demand.pk]))
    return demand


def test_an_owner_changes_a_status_with_evidence(page, live_server, coalition):
    log_in(page, live_server, coalition["anna"])
    demand = open_demand(page, live_server, "WKA-2025-02")

    page.get_by_label("Nieuwe status:").select_option(Status.COMMITTED)
    page.get_by_label("Openbare toelichting:").fill("De minister zegde een taskforce toe.")
    page.get_by_label("URL van het bewijs:").fill(EVIDENCE)
    screenshot(page, "10-status-change-form")
    page.get_by_role("button", name="Opslaan en opnieuw bewerken").click()

    expect(page.locator(".messagelist .success")).to_be_visible()
    demand.refresh_from_db()
    assert demand.status == Status.COMMITTED
    history = page.locator("#status_changes-group")
    expect(history.get_by_text("De minister zegde een taskforce toe.")).to_be_visible()
    expect(history.get_by_role("link", name=EVIDENCE)).to_be_visible()
    history.scroll_into_view_if_needed()
    screenshot(page, "11-status-changed")


def test_an_owner_moves_a_deadline_with_a_reason(page, live_server, coalition):
    log_in(page, live_server, coalition["bram"])
    demand = open_demand(page, live_server, "WKA-2025-04")
    new_deadline = demand.deadline + datetime.timedelta(days=60)

    page.locator("#id_deadline").fill(new_deadline.strftime("%d-%m-%Y"))
    page.get_by_role("button", name="Opslaan en opnieuw bewerken").click()
    # Without a reason the ledger refuses the move, and the form says why.
    expect(page.locator(".errorlist")).to_contain_text(
        "Leg uit waarom de status of deadline verandert"
    )
    demand.refresh_from_db()
    assert demand.deadline != new_deadline

    page.get_by_label("Openbare toelichting:").fill("Uitgesteld: de minister vraagt twee maanden.")
    page.get_by_role("button", name="Opslaan en opnieuw bewerken").click()

    expect(page.locator(".messagelist .success")).to_be_visible()
    demand.refresh_from_db()
    assert demand.deadline == new_deadline
    entry = demand.status_changes.get()
    assert entry.to_deadline == new_deadline
    history = page.locator("#status_changes-group")
    expect(history.get_by_text("Uitgesteld: de minister vraagt twee maanden.")).to_be_visible()
    screenshot(page, "12-deadline-moved")


def test_a_coordinator_records_a_commitment_that_answers_two_demands(page, live_server, coalition):
    log_in(page, live_server, coalition["coordinator"])
    page.goto(live_server.url + reverse("admin:tracker_commitment_add"))

    page.get_by_label("Kenmerk:").fill("TZ-2026-01")
    page.get_by_label("Titel (Nederlands):").fill("Taskforce voor overplaatsing en onderwijs")
    page.get_by_label("Beschrijving (Nederlands):").fill("De minister richt een taskforce in.")
    pick_in_autocomplete(page, "actor", "COA", "COA")
    pick_in_autocomplete(page, "source", "Brief", "Brief aan de vaste commissie")
    page.locator("#id_made_on").fill("15-01-2026")
    page.get_by_label("Citaat:").fill("Wij richten een taskforce in.")
    pick_in_autocomplete(page, "demands", "crisisnood", "WKA-2025-02")
    pick_in_autocomplete(page, "demands", "school", "WKA-2025-04")
    page.get_by_label("Verantwoordelijke organisatie:").select_option(label="Werkgroep Kind in azc")
    screenshot(page, "13-commitment-form")
    page.get_by_role("button", name="Opslaan en opnieuw bewerken").click()

    expect(page.locator(".messagelist .success")).to_be_visible()
    commitment = Commitment.objects.get(reference="TZ-2026-01")
    assert {d.reference for d in commitment.demands.all()} == {"WKA-2025-02", "WKA-2025-04"}
    screenshot(page, "14-commitment-recorded")
