"""The coordinator's jobs in the staff's workplace, in a real browser, with screenshots in
test-artifacts/screenshots/admin/: plan a follow-up meeting and see who will be reminded
of what, open its briefing, and import a spreadsheet saved by Dutch Excel."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from ledger import services
from tests.browser.conftest import SCREENSHOTS
from tests.factories import (
    ActorFactory,
    DemandFactory,
    OrganisationFactory,
    SourceFactory,
    ThemeFactory,
    coordinator,
    editor,
)
from tracker.models import Demand, Meeting, Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "secret-pass-123"  # the factories' password
SHOTS = SCREENSHOTS / "admin"


def screenshot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


def log_in(page, live_server, user) -> None:
    page.goto(live_server.url + reverse("admin:login"))
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()  # the login with two-step login's code
    page.wait_for_url(live_server.url + reverse("admin:index"))


@pytest.fixture
def coalition(transactional_db):
    dci = OrganisationFactory(slug="defence-for-children", name="Defence for Children")
    coalition = OrganisationFactory(slug="werkgroep-kind-in-azc", name="Werkgroep Kind in azc")
    anna = editor(organisation=dci, name="Anna de Vries", email="anna@example.org")
    bram = editor(organisation=dci, name="Bram Jansen", email="bram@example.org")
    today = timezone.localdate()
    source = SourceFactory(slug="brief-2025", title="Brief aan de vaste commissie")
    ActorFactory(slug="coa", name_nl="COA")
    ThemeFactory(slug="onderwijs", name_nl="Onderwijs")
    overdue = DemandFactory(
        reference="WKA-2025-02",
        title_nl="Kinderen uit de crisisnoodopvang",
        organisation=dci,
        owner=anna,
        source=source,
        deadline=today - datetime.timedelta(days=30),
    )
    services.record_status_change(
        overdue,
        Status.IN_PROGRESS,
        by=anna,
        public_note="De minister antwoordde in een Kamerbrief.",
        internal_note="Woordvoerder bellen voor het overleg.",
        evidence_url="https://www.tweedekamer.nl/kamerstukken/brieven_regering/2025-1",
    )
    DemandFactory(
        reference="WKA-2025-04",
        title_nl="Kinderen naar school binnen drie maanden",
        organisation=dci,
        owner=bram,
        source=source,
        deadline=today + datetime.timedelta(days=3),
    )
    return {
        "coordinator": coordinator(organisation=coalition, name="Chris Coördinator"),
        "anna": anna,
        "bram": bram,
    }


def pick_in_autocomplete(page, field: str, search: str, option: str) -> None:
    """Open the admin's autocomplete for ``field``, search, and choose ``option``."""
    page.locator(f"#id_{field} + .select2").click()
    page.locator(".select2-container--open .select2-search__field").fill(search)
    page.locator(".select2-results__option", has_text=option).click()


def test_a_coordinator_plans_a_follow_up_meeting_and_sees_who_will_be_reminded(
    page, live_server, coalition
):
    log_in(page, live_server, coalition["coordinator"])
    page.get_by_role("link", name="Overleggen").first.click()
    page.get_by_role("link", name="Overleg toevoegen").click()

    next_week = timezone.localdate() + datetime.timedelta(days=7)
    page.get_by_label("Titel (Nederlands):").fill("Vervolgoverleg werkgroep")
    page.get_by_label("Soort:").select_option("coalition_meeting")
    page.locator("#id_date").fill(next_week.strftime("%d-%m-%Y"))
    page.locator("#id_time").fill("14:00")
    page.get_by_label("Plaats:").fill("Utrecht, kantoor Defence for Children")
    pick_in_autocomplete(page, "demands", "crisisnood", "WKA-2025-02")
    pick_in_autocomplete(page, "demands", "school", "WKA-2025-04")
    page.get_by_label("Eigenaren herinneren, dagen ervoor:").fill("7,1")
    screenshot(page, "01-meeting-planned")
    page.get_by_role("button", name="Opslaan en opnieuw bewerken").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    screenshot(page, "02-meeting-saved")

    meeting = Meeting.objects.get(title_nl="Vervolgoverleg werkgroep")
    assert {d.reference for d in meeting.demands.all()} == {"WKA-2025-02", "WKA-2025-04"}
    assert (meeting.date, meeting.time) == (next_week, datetime.time(14, 0))
    panel = page.locator("#reminder-plan")
    rows = panel.locator("tbody tr")
    # Two reminder days (7 and 1 days before), each with a digest for Anna and for Bram.
    assert rows.count() == 4
    first_day = rows.nth(0).inner_text() + rows.nth(1).inner_text()
    assert "anna@example.org" in first_day and "WKA-2025-02" in first_day
    assert "bram@example.org" in first_day and "WKA-2025-04" in first_day
    assert "7 dagen vooraf" in first_day
    panel.scroll_into_view_if_needed()
    screenshot(page, "03-meeting-who-is-reminded")

    page.get_by_role("link", name="Briefing", exact=True).click()
    expect(page.get_by_role("heading", name="Vervolgoverleg werkgroep")).to_be_visible()
    assert page.get_by_role("heading", name="Anna de Vries").is_visible()
    assert page.get_by_text("Woordvoerder bellen voor het overleg.").is_visible()
    assert page.get_by_text("toen:", exact=False).count() == 0  # no earlier meeting
    screenshot(page, "04-briefing")
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Afdrukken of opslaan als pdf")).to_be_hidden()
    screenshot(page, "05-briefing-print")


HEADER = "reference;title_nl;quote;source;addressees;themes;organisation;deadline;priority"
GOOD = (
    "WKA-2026-01;Eén school voor elk kind;Zorg dat ieder kind naar school gaat.;"
    "brief-2025;coa;onderwijs;defence-for-children;31-12-2026;hoog"
)
# An unknown source, a 13th month and a priority that does not exist.
BAD = (
    "WKA-2026-02;Gezinslocaties sluiten;Sluit de gezinslocaties.;"
    "bestaat-niet;coa;onderwijs;defence-for-children;31-13-2026;urgent"
)
FIXED = (
    "WKA-2026-02;Gezinslocaties sluiten;Sluit de gezinslocaties.;"
    "brief-2025;coa;onderwijs;defence-for-children;31-03-2027;laag"
)


def dutch_excel_csv(path, *lines: str):
    """As Dutch Excel's "CSV UTF-8" saves a sheet: semicolons, a byte-order mark, CRLF."""
    path.write_bytes(("\r\n".join([HEADER, *lines]) + "\r\n").encode("utf-8-sig"))
    return path


def test_a_coordinator_imports_a_spreadsheet_saved_by_dutch_excel(
    page, live_server, coalition, tmp_path
):
    log_in(page, live_server, coalition["coordinator"])
    page.goto(live_server.url + reverse("admin:tracker_demand_changelist"))
    page.get_by_role("link", name="Importeren").click()
    screenshot(page, "06-import-page")

    page.get_by_label("Spreadsheet:").set_input_files(
        dutch_excel_csv(tmp_path / "eisen.csv", GOOD, BAD)
    )
    page.get_by_role("button", name="Bestand controleren").click()

    expect(page.get_by_text("Er is niets geïmporteerd.")).to_be_visible()
    problems = page.locator("#import-problems tbody tr")
    assert problems.all_inner_texts() == [
        "3\tsource\tbestaat-niet\tEr is geen bron “bestaat-niet”.",
        "3\tdeadline\t31-13-2026\tGeen datum: schrijf 31-12-2026 of 2026-12-31.",
        "3\tpriority\turgent\tKies een van: high (Hoog), medium (Gemiddeld), low (Laag).",
    ]
    assert "Traceback" not in page.content()
    assert not Demand.objects.filter(reference__startswith="WKA-2026").exists()
    screenshot(page, "07-import-three-errors")

    page.get_by_label("Spreadsheet:").set_input_files(
        dutch_excel_csv(tmp_path / "eisen-verbeterd.csv", GOOD, FIXED)
    )
    page.get_by_role("button", name="Bestand controleren").click()
    expect(page.get_by_text("Er is nog niets opgeslagen.")).to_be_visible()
    screenshot(page, "08-import-checked")
    page.get_by_role("button", name="Import bevestigen").click()

    expect(page.get_by_text("Geïmporteerd: 2 nieuwe eisen")).to_be_visible()
    screenshot(page, "09-import-done")
    imported = Demand.objects.filter(reference__startswith="WKA-2026").order_by("reference")
    assert [(d.reference, d.deadline, d.priority) for d in imported] == [
        ("WKA-2026-01", datetime.date(2026, 12, 31), "high"),
        ("WKA-2026-02", datetime.date(2027, 3, 31), "low"),
    ]
