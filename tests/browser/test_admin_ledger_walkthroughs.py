"""An editor's and a coordinator's ledger work in a real browser: a status change with
evidence, a deadline moved with a reason, a response with the addressee's words, a revised
text, a correction of a wrong entry, and a government statement that answers two demands.
Every change lands in the ledger (``ledger.services``) and shows in the item's history.

Screenshots in test-artifacts/screenshots/admin/.
"""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from ledger.models import Entry
from tests.browser.test_admin_walkthroughs import (
    coalition,
    log_in,
    pick_in_autocomplete,
    screenshot,
)
from tracker.models import Demand, Response, Statement, Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

__all__ = ["coalition"]  # the fixture, shared with the coordinator's walk-throughs

EVIDENCE = "https://www.rijksoverheid.nl/documenten/kamerstukken/2026/taskforce"


def open_demand(page, live_server, reference: str) -> Demand:
    demand = Demand.objects.get(reference=reference)
    page.goto(live_server.url + reverse("admin:tracker_demand_change", args=[demand.pk]))
    return demand


def save_and_continue(page) -> None:
    page.get_by_role("button", name="Opslaan en opnieuw bewerken").click()


def test_an_owner_changes_a_status_with_evidence(page, live_server, coalition):
    log_in(page, live_server, coalition["anna"])
    demand = open_demand(page, live_server, "WKA-2025-02")

    page.get_by_label("Nieuwe status:").select_option(Status.ACHIEVED)
    page.get_by_label("Openbare toelichting:").fill("Alle kinderen zijn overgeplaatst.")
    page.get_by_label("URL van het bewijs:").fill(EVIDENCE)
    screenshot(page, "10-status-change-form")
    save_and_continue(page)

    expect(page.locator(".messagelist .success")).to_be_visible()
    demand.refresh_from_db()
    assert demand.status == Status.ACHIEVED
    history = page.locator("#entries-group")
    expect(history.get_by_text("Alle kinderen zijn overgeplaatst.")).to_be_visible()
    expect(history.get_by_role("link", name=EVIDENCE)).to_be_visible()
    history.scroll_into_view_if_needed()
    screenshot(page, "11-status-changed")


def test_an_owner_moves_a_deadline_with_a_reason(page, live_server, coalition):
    log_in(page, live_server, coalition["bram"])
    demand = open_demand(page, live_server, "WKA-2025-04")
    new_deadline = demand.deadline + datetime.timedelta(days=60)

    page.locator("#id_deadline").fill(new_deadline.strftime("%d-%m-%Y"))
    save_and_continue(page)
    # Without a reason the ledger refuses the move, and the form says why.
    expect(page.locator(".errorlist")).to_contain_text("waarom de deadline verandert")
    demand.refresh_from_db()
    assert demand.deadline != new_deadline

    page.get_by_label("Openbare toelichting:").fill("Uitgesteld: de minister vraagt twee maanden.")
    save_and_continue(page)

    expect(page.locator(".messagelist .success")).to_be_visible()
    demand.refresh_from_db()
    assert demand.deadline == new_deadline
    entry = demand.entries.get(kind=Entry.Kind.DEADLINE)
    assert entry.changes["deadline"][1] == new_deadline.isoformat()
    history = page.locator("#entries-group")
    expect(history.get_by_text("Uitgesteld: de minister vraagt twee maanden.")).to_be_visible()
    screenshot(page, "12-deadline-moved")


def test_an_owner_records_a_response_and_revises_the_text(page, live_server, coalition):
    log_in(page, live_server, coalition["anna"])
    demand = open_demand(page, live_server, "WKA-2025-02")

    page.get_by_label("Nieuwe reactie:").select_option(Response.ACCEPTED)
    page.get_by_label("Gereageerd op:").fill("15-01-2026")
    page.get_by_label("De reactie, geciteerd:").fill("Wij richten een taskforce in.")
    page.get_by_label("Openbare toelichting:").fill("De minister aanvaardt de eis.")
    screenshot(page, "13-response-form")
    save_and_continue(page)
    expect(page.locator(".messagelist .success")).to_be_visible()

    page.get_by_label("Titel (Nederlands):").fill("Alle kinderen uit de crisisnoodopvang")
    page.get_by_label("Openbare toelichting:").fill("Titel verduidelijkt: alle kinderen.")
    save_and_continue(page)
    expect(page.locator(".messagelist .success")).to_be_visible()

    demand.refresh_from_db()
    assert (demand.response, demand.responded_on) == (
        Response.ACCEPTED,
        datetime.date(2026, 1, 15),
    )
    assert demand.title_nl == "Alle kinderen uit de crisisnoodopvang"
    revision = demand.entries.get(kind=Entry.Kind.REVISED)
    assert revision.changes["title_nl"] == [
        "Kinderen uit de crisisnoodopvang",
        "Alle kinderen uit de crisisnoodopvang",
    ]
    history = page.locator("#entries-group")
    expect(history.get_by_text("Wij richten een taskforce in.", exact=False)).to_be_visible()
    expect(history.get_by_text("Titel verduidelijkt: alle kinderen.")).to_be_visible()
    history.scroll_into_view_if_needed()
    screenshot(page, "14-response-and-revision")


def test_an_owner_corrects_a_wrong_entry(page, live_server, coalition):
    log_in(page, live_server, coalition["anna"])
    demand = open_demand(page, live_server, "WKA-2025-02")
    wrong = demand.entries.get(kind=Entry.Kind.STATUS)

    page.locator("#entries-group").get_by_role("link", name=f"#{wrong.seq}").click()
    page.get_by_role("link", name="Deze regel corrigeren").click()
    page.get_by_label("Wat er mis was (openbare toelichting):").fill(
        "Per abuis vastgelegd: er is nog niets gedaan."
    )
    screenshot(page, "15-correction-form")
    page.get_by_role("button", name="Correctie vastleggen").click()

    expect(page.locator(".messagelist .success")).to_contain_text(f"Regel #{wrong.seq}")
    demand.refresh_from_db()
    assert demand.status == Status.OPEN
    assert demand.entries.get(kind=Entry.Kind.CORRECTION).corrects == wrong
    screenshot(page, "16-entry-corrected")


def test_a_coordinator_records_a_statement_that_answers_two_demands(page, live_server, coalition):
    log_in(page, live_server, coalition["coordinator"])
    page.goto(live_server.url + reverse("admin:tracker_statement_add"))

    page.get_by_label("Kenmerk:").fill("TZ-2026-01")
    page.get_by_label("Aard:").select_option(Statement.Kind.PROMISE)
    page.get_by_label("Titel (Nederlands):").fill("Taskforce voor overplaatsing en onderwijs")
    page.get_by_label("Beschrijving (Nederlands):").fill("De minister richt een taskforce in.")
    pick_in_autocomplete(page, "actor", "COA", "COA")
    pick_in_autocomplete(page, "source", "Brief", "Brief aan de vaste commissie")
    page.locator("#id_made_on").fill("15-01-2026")
    page.get_by_label("Citaat:").fill("Wij richten een taskforce in.")
    pick_in_autocomplete(page, "answers", "crisisnood", "WKA-2025-02")
    pick_in_autocomplete(page, "answers", "school", "WKA-2025-04")
    page.get_by_label("Verantwoordelijke organisatie:").select_option(label="Werkgroep Kind in azc")
    screenshot(page, "17-statement-form")
    save_and_continue(page)

    expect(page.locator(".messagelist .success")).to_be_visible()
    statement = Statement.objects.get(reference="TZ-2026-01")
    assert statement.kind == Statement.Kind.PROMISE
    assert {d.reference for d in statement.answers.all()} == {"WKA-2025-02", "WKA-2025-04"}
    created = statement.entries.get()
    assert sorted(created.changes["answers"][1]) == ["WKA-2025-02", "WKA-2025-04"]
    screenshot(page, "18-statement-recorded")
