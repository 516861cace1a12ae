"""Small things of the staff's workplace that only a browser shows: whom the owner
type-ahead offers, and whether the demand list fits a laptop's screen."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.test_admin_walkthroughs import log_in, screenshot
from tests.factories import ActorFactory, DemandFactory, OrganisationFactory, coordinator, editor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_owner_type_ahead_offers_the_staff_of_the_organisation_on_the_form(page, live_server):
    dci = OrganisationFactory(slug="defence-for-children", name="Defence for Children")
    war_child = OrganisationFactory(slug="war-child", name="War Child")
    editor(organisation=dci, name="Anna de Vries")
    editor(organisation=war_child, name="Anton Wouters")
    log_in(page, live_server, coordinator(organisation=dci, name="Chris Coördinator"))

    page.goto(live_server.url + reverse("admin:tracker_statement_add"))
    page.locator("#id_organisation").select_option(label="War Child")
    page.locator("#id_owner + .select2").click()
    page.locator(".select2-container--open .select2-search__field").fill("An")

    expect(page.locator(".select2-results__option")).to_have_text(["Anton Wouters"])


@pytest.mark.parametrize("role", ["coordinator", "owner"])
def test_the_demand_list_shows_every_column_at_1280_pixels(page, live_server, role):
    dci = OrganisationFactory(slug="defence-for-children", name="Defence for Children")
    anna = editor(organisation=dci, name="Anna de Vries")
    minister = ActorFactory(name_nl="Staatssecretaris van Justitie en Veiligheid")
    for number in range(1, 4):
        DemandFactory(
            reference=f"WKA-2025-{number:02d}",
            title_nl="Alle kinderen binnen drie maanden naar school, ook in de crisisnoodopvang",
            organisation=dci,
            owner=anna,
            addressees=[minister],
            deadline=timezone.localdate() - datetime.timedelta(days=30 * (2 - number)),
        )
    # The owner (an editor) sees the action checkboxes too: the widest list.
    log_in(page, live_server, coordinator(organisation=dci) if role == "coordinator" else anna)

    page.goto(live_server.url + reverse("admin:tracker_demand_changelist"))
    screenshot(page, f"demand-list-1280-{role}")

    results = page.locator(".results")
    width, visible = results.evaluate("element => [element.scrollWidth, element.clientWidth]")
    assert width <= visible
    assert page.locator("#result_list").get_by_text("Verlopen").count() == 1
