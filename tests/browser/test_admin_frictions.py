"""Small things of the staff's workplace that only a browser shows: whom the owner
type-ahead offers, and whether the demand list fits a laptop's screen."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.test_admin_walkthroughs import log_in, screenshot
from tests.factories import OrganisationFactory, coordinator, editor

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
