"""A reader's walk through the public site, in a real browser, with screenshots and axe."""

import csv
import datetime
import re

import pytest
import time_machine
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOTS
from tests.public_site.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The world's deadlines are in October 2025; reading in November makes some overdue.
READING_DAY = datetime.datetime(2025, 11, 20, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def world(transactional_db):
    with time_machine.travel(READING_DAY, tick=True):
        yield build_world(30)


def screenshot(page, name: str):
    """Save the page at desktop and at 375 px phone width, then return to desktop."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        page.screenshot(path=SCREENSHOTS / f"{name}-{label}.png", full_page=True)
    page.set_viewport_size(DESKTOP)


def serious_violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def test_a_reader_filters_opens_a_demand_follows_its_source_and_downloads_csv(
    page_without_javascript, live_server, world, tmp_path
):
    page = page_without_javascript
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.get_by_role("heading", level=1).is_visible()
    assert page.get_by_text("Vervolgoverleg werkgroep").is_visible()
    screenshot(page, "01-overview")

    page.get_by_role("link", name="Eisen", exact=True).click()
    page.get_by_label("Status").select_option("in_progress")
    page.get_by_label("Thema").select_option("noodopvang")
    page.get_by_role("button", name="Filteren").click()
    assert "status=in_progress" in page.url and "theme=noodopvang" in page.url
    rows = page.locator("table.demands tbody tr")
    assert rows.count() > 0
    for text in rows.all_inner_texts():
        assert "In uitvoering" in text
    screenshot(page, "02-demand-list-filtered")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV downloaden").click()
    download = download_info.value
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    with target.open(encoding="utf-8") as stream:
        exported = list(csv.DictReader(stream))
    assert len(exported) == rows.count()
    assert {row["status"] for row in exported} == {"in_progress"}

    first = rows.first.get_by_role("link").first
    reference = first.inner_text()
    first.click()
    assert page.url.endswith(reverse("tracker:demand_detail", args=[reference]))
    assert page.locator("figure.quote blockquote[lang=nl]").is_visible()
    assert page.locator(".timeline .entry").count() >= 1
    screenshot(page, "03-demand")

    page.locator("figure.quote figcaption").get_by_role("link").first.click()
    assert "/sources/" in page.url
    assert page.get_by_role("link", name=reference).is_visible()
    screenshot(page, "04-source")

    page.get_by_role("link", name="English").click()
    assert "/sources/" in page.url
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="Demands in this document").is_visible()
    assert page.url.startswith(live_server.url + "/en/sources/")
    page.goto(live_server.url + "/en" + reverse("tracker:demand_detail", args=[reference]))
    assert re.search(r"Children out of crisis emergency shelter", page.content())
    screenshot(page, "05-demand-english")
    page.get_by_role("link", name="Nederlands").click()
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.url.endswith(reverse("tracker:demand_detail", args=[reference]))
    assert page.get_by_text("Kinderen uit de crisisnoodopvang").first.is_visible()


def test_no_public_page_has_a_serious_accessibility_violation(page, live_server, world):
    pages = {
        "overview": reverse("tracker:overview"),
        "demand-list": reverse("tracker:demand_list") + "?overdue=true",
        "demand": world["demands"][1].get_absolute_url(),
        "sources": reverse("tracker:source_list"),
        "source": reverse("tracker:source_detail", args=[world["sources"][0].slug]),
        "meetings": reverse("tracker:meeting_list"),
        "meeting": world["past_meeting"].get_absolute_url(),
        "indicators": reverse("tracker:indicator_list"),
        "indicator": world["indicator"].get_absolute_url(),
        "budget": world["budget"].get_absolute_url(),
        "statements": reverse("tracker:statement_list"),
        "promise": world["commitment"].get_absolute_url(),
        "withdrawn-promise": world["withdrawn_promise"].get_absolute_url(),
        "decision": world["decision"].get_absolute_url(),
        "repeated-demand": world["repeat"].get_absolute_url(),
        "meeting-all-day": world["all_day_meeting"].get_absolute_url(),
        "meeting-undated": world["undated_meeting"].get_absolute_url(),
        "explanation": reverse("tracker:explanation"),
    }
    found = {}
    for name, path in pages.items():
        page.goto(live_server.url + path)
        screenshot(page, f"page-{name}")
        violations = serious_violations(page)
        if violations:
            found[name] = violations
    page.get_by_role("link", name="English").click()
    assert "/en/" in page.url
    for name in (
        "overview",
        "demand-list",
        "demand",
        "statements",
        "withdrawn-promise",
        "explanation",
    ):
        page.goto(live_server.url + "/en" + pages[name])
        assert page.locator("html").get_attribute("lang") == "en"
        screenshot(page, f"page-{name}-en")
        violations = serious_violations(page)
        if violations:
            found[f"{name} (en)"] = violations
    assert found == {}


def test_a_reader_filters_by_response_follows_a_badge_to_its_meaning_and_reads_statements(
    page_without_javascript, live_server, world
):
    page = page_without_javascript
    page.goto(live_server.url + reverse("tracker:demand_list"))
    page.get_by_label("Reactie").select_option("rejected")
    page.get_by_role("button", name="Filteren").click()
    rows = page.locator("table.demands tbody tr")
    assert rows.count() > 0
    for row_text in rows.all_inner_texts():
        assert "Afgewezen" in row_text

    rows.first.get_by_role("link").first.click()
    page.get_by_role("link", name="Afgewezen").first.click()
    assert page.url.endswith(reverse("tracker:explanation") + "#response-rejected")
    assert page.locator("#response-rejected").is_visible()
    screenshot(page, "06-explanation-from-badge")

    page.get_by_role("link", name="Uitspraken overheid").click()
    page.get_by_label("Aard").select_option("promise")
    page.get_by_role("button", name="Filteren").click()
    assert page.get_by_text("Ingetrokken toezegging").first.is_visible()
    page.get_by_role("link", name="Stabiele financiering van het COA").click()
    assert page.get_by_text("ingetrokken op 20 september 2025").is_visible()
    screenshot(page, "07-withdrawn-promise")


def test_no_public_page_scrolls_sideways_on_a_phone(page, live_server, world):
    from ledger import checkpoints

    checkpoints.sign()  # The ledger page's widest table: full hashes and key ids.
    paths = [
        reverse("tracker:overview"),
        reverse("tracker:demand_list"),
        world["demands"][1].get_absolute_url(),
        reverse("tracker:statement_list"),
        reverse("tracker:source_list"),
        reverse("tracker:meeting_list"),
        reverse("tracker:indicator_list"),
        reverse("tracker:ledger"),
        reverse("tracker:explanation"),
    ]
    page.set_viewport_size(PHONE)
    too_wide = {}
    for path in paths + ["/en" + path for path in paths]:
        page.goto(live_server.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[path] = width
    page.set_viewport_size(DESKTOP)
    assert too_wide == {}


def test_a_held_meetings_agenda_shows_every_column_on_a_desktop(page, live_server, world):
    """The agenda of a meeting held has five columns: its demands' titles wrap, so that the
    status and response on the day and now are all in view, not behind a sideways scroll."""
    meeting = world["past_meeting"]
    page.goto(live_server.url + meeting.get_absolute_url())
    table, box = page.evaluate(
        "[document.querySelector('table.demands').scrollWidth,"
        " document.querySelector('.table-scroll').clientWidth]"
    )
    assert page.locator("table.demands thead th").count() == 5
    assert table <= box
    screenshot(page, "meeting-held-agenda")


def test_on_a_phone_the_demand_list_shows_results_first_and_its_filters_folded(
    page, live_server, world
):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + reverse("tracker:demand_list"))
    screenshot(page, "demand-list-folded-filters")
    page.set_viewport_size(PHONE)

    assert not page.get_by_label("Status").is_visible()
    first_result = page.locator("table.demands tbody tr").first.bounding_box()
    assert first_result["y"] < PHONE["height"]

    page.get_by_text("Eisen filteren").click()
    page.get_by_label("Status").select_option("in_progress")
    page.get_by_role("button", name="Filteren").click()
    assert "status=in_progress" in page.url
    assert page.get_by_text("filters gekozen").is_visible()


def test_on_a_wide_screen_the_demand_list_shows_its_filters_unfolded(page, live_server, world):
    page.goto(live_server.url + reverse("tracker:demand_list"))

    assert page.get_by_label("Status").is_visible()
    assert not page.get_by_text("Eisen filteren", exact=True).is_visible()
