"""Two staff members edit one demand in two browsers: the second save is refused, with who
changed it and when, and nothing of either is lost."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS
from tests.factories import DemandFactory, OrganisationFactory, editor
from tracker.models import Demand, Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(chromium, live_server, user):
    context = chromium.new_context(locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("input[name=username]", user.email)
    page.fill("input[name=password]", "secret-pass-123")
    page.click("input[type=submit]")
    return page


def test_the_second_of_two_editors_is_refused_and_nothing_is_lost(chromium, live_server):
    organisation = OrganisationFactory(name="Defence for Children")
    demand = DemandFactory(organisation=organisation, title_nl="Oorspronkelijke titel")
    anna = editor(organisation=organisation, name="Anna Eerste")
    bram = editor(organisation=organisation, name="Bram Tweede")
    url = live_server.url + reverse("admin:tracker_demand_change", args=[demand.pk])
    first, second = log_in(chromium, live_server, anna), log_in(chromium, live_server, bram)
    first.goto(url)
    second.goto(url)  # Both pages are open on the same version.

    first.fill("input[name=title_nl]", "Titel van Anna")
    first.fill("textarea[name=public_note]", "Titel verduidelijkt.")
    first.click("input[name=_save]")
    expect(first.locator(".messagelist .success")).to_be_visible()

    second.select_option("select[name=new_status]", Status.IN_PROGRESS)
    second.fill("textarea[name=public_note]", "De taskforce is begonnen.")
    second.click("input[name=_save]")

    expect(second.locator(".errorlist.nonfield")).to_be_visible()
    refusal = second.locator(".errorlist.nonfield").inner_text()
    assert "Anna Eerste" in refusal and "herlaad" in refusal
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    second.screenshot(path=SCREENSHOTS / "admin-second-editor-refused.png", full_page=True)
    demand.refresh_from_db()
    assert (demand.title_nl, demand.status) == ("Titel van Anna", Status.OPEN)

    # Bram reloads, sees Anna's title, and makes his change again: it goes through.
    second.goto(url)
    assert second.input_value("input[name=title_nl]") == "Titel van Anna"
    second.select_option("select[name=new_status]", Status.IN_PROGRESS)
    second.fill("textarea[name=public_note]", "De taskforce is begonnen.")
    second.click("input[name=_save]")
    expect(second.locator(".messagelist .success")).to_be_visible()
    assert Demand.objects.get(pk=demand.pk).status == Status.IN_PROGRESS
    for page in (first, second):
        page.context.close()
