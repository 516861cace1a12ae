"""Importing demands from the spreadsheets the coalition's staff actually have."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from ledger.models import Entry
from tests.factories import (
    ActorFactory,
    DemandFactory,
    OrganisationFactory,
    SourceFactory,
    ThemeFactory,
    coordinator,
    editor,
)
from tracker.models import Demand, Status

pytestmark = pytest.mark.django_db

HEADER = [
    "reference",
    "title_nl",
    "quote",
    "source",
    "addressees",
    "themes",
    "organisation",
    "deadline",
    "priority",
    "is_published",
]
GOOD = [
    "WKA-2026-01",
    "Eén school voor elk kind",
    "Zorg dat ieder kind binnen drie maanden naar school gaat.",
    "brief-2025",
    "coa",
    "onderwijs",
    "war-child",
    "31-12-2026",
    "hoog",
    "ja",
]
# Three mistakes: an unknown source, the 13th month, a priority that does not exist.
BAD = [
    "WKA-2026-02",
    "Gezinslocaties",
    "Sluit de gezinslocaties.",
    "bestaat-niet",
    "coa",
    "onderwijs",
    "war-child",
    "31-13-2026",
    "urgent",
    "ja",
]


@pytest.fixture
def vocabulary():
    return {
        "source": SourceFactory(slug="brief-2025"),
        "actor": ActorFactory(slug="coa"),
        "theme": ThemeFactory(slug="onderwijs"),
        "organisation": OrganisationFactory(slug="war-child", name="War Child"),
    }


@pytest.fixture
def staff(client, vocabulary):
    client.force_login(editor(organisation=vocabulary["organisation"]))
    return client


def dutch_excel_csv(*rows, encoding="utf-8-sig") -> bytes:
    """As Dutch Excel saves "CSV UTF-8": semicolons, a byte-order mark, CRLF."""
    lines = [";".join(HEADER), *(";".join(row) for row in rows)]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def upload(client, content: bytes, name="eisen.csv"):
    return client.post(
        reverse("admin:tracker_demand_import"),
        # The form's one hidden field, as the browser posts it.
        {"import_file": SimpleUploadedFile(name, content), "format": "0"},
    )


def confirm(client, response):
    form = response.context["confirm_form"]
    assert form is not None, response.context.get("problems")
    return client.post(reverse("admin:tracker_demand_process_import"), form.initial, follow=True)


def test_a_csv_saved_by_dutch_excel_imports_after_confirmation(staff):
    checked = upload(staff, dutch_excel_csv(GOOD))

    assert "Er is nog niets opgeslagen." in checked.content.decode()
    assert not Demand.objects.exists()
    done = confirm(staff, checked)

    demand = Demand.objects.get()
    assert demand.title_nl == "Eén school voor elk kind"
    assert demand.deadline == datetime.date(2026, 12, 31)
    assert demand.priority == "high"
    assert demand.status == Status.OPEN
    assert [a.slug for a in demand.addressees.all()] == ["coa"]
    assert "Geïmporteerd: 1 nieuwe eis" in done.content.decode()


def test_a_windows_1252_csv_with_commas_and_iso_dates_imports(staff):
    lines = [",".join(HEADER), ",".join([*GOOD[:7], "2026-12-31", "high", "1"])]
    content = "\r\n".join(lines).encode("cp1252")

    confirm(staff, upload(staff, content))

    demand = Demand.objects.get()
    assert demand.title_nl == "Eén school voor elk kind"
    assert demand.deadline == datetime.date(2026, 12, 31)


def test_an_xlsx_with_date_cells_imports(staff):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append([*GOOD[:7], datetime.datetime(2026, 12, 31), "Hoog", "WAAR"])
    stream = io.BytesIO()
    workbook.save(stream)

    confirm(staff, upload(staff, stream.getvalue(), name="eisen.xlsx"))

    demand = Demand.objects.get()
    assert demand.deadline == datetime.date(2026, 12, 31)
    assert demand.is_published is True


def test_every_error_of_a_row_is_shown_in_dutch_and_nothing_is_written(staff):
    response = upload(staff, dutch_excel_csv(GOOD, BAD))

    assert response.context.get("confirm_form") is None
    problems = [(p.line, p.column, p.value) for p in response.context["problems"]]
    assert problems == [
        (3, "source", "bestaat-niet"),
        (3, "deadline", "31-13-2026"),
        (3, "priority", "urgent"),
    ]
    messages = [p.message for p in response.context["problems"]]
    assert messages == [
        "Er is geen bron “bestaat-niet”.",
        "Geen datum: schrijf 31-12-2026 of 2026-12-31.",
        "Kies een van: high (Hoog), medium (Gemiddeld), low (Laag).",
    ]
    page = response.content.decode()
    assert "Er is niets geïmporteerd." in page
    assert "1 van de 2 regels bevat fouten." in page
    assert "Traceback" not in page
    assert not Demand.objects.exists()

    corrected = [*BAD[:3], "brief-2025", *BAD[4:7], "31-12-2026", "laag", "nee"]
    confirm(staff, upload(staff, dutch_excel_csv(GOOD, corrected)))

    assert set(Demand.objects.values_list("reference", flat=True)) == {
        "WKA-2026-01",
        "WKA-2026-02",
    }
    assert Demand.objects.get(reference="WKA-2026-02").is_published is False


def test_unknown_and_missing_columns_are_named_not_a_traceback(staff):
    content = b"titel;bron\r\nOnderwijs;brief-2025\r\n"

    response = upload(staff, content)

    page = response.content.decode()
    assert "Onbekende kolom “titel”" in page
    assert "De kolom “reference” ontbreekt" in page
    assert "Er is niets geïmporteerd." in page
    assert "Traceback" not in page


def test_a_file_over_the_limit_is_refused_with_its_size(staff, settings):
    settings.IMPORT_MAX_BYTES = 100

    response = upload(staff, dutch_excel_csv(GOOD, GOOD))

    assert "de import neemt hoogstens 100\xa0bytes" in response.content.decode()
    assert not Demand.objects.exists()


def test_a_broken_excel_file_is_refused_in_words(staff):
    response = upload(staff, b"PK\x03\x04 dit is geen werkmap", name="eisen.xlsx")

    assert "Het Excel-bestand kan niet worden gelezen." in response.content.decode()


def test_a_status_that_differs_is_refused_with_where_to_change_it(client, vocabulary):
    DemandFactory(reference="WKA-2026-01", organisation=vocabulary["organisation"], title_nl="Oud")
    client.force_login(coordinator())
    header = "reference;title_nl;status\r\n"

    unchanged = upload(client, (header + "WKA-2026-01;Nieuw;Open\r\n").encode())
    changed = upload(client, (header + "WKA-2026-01;Nieuw;Bereikt\r\n").encode())
    new = upload(client, (header + "WKA-2026-09;Nieuw;achieved\r\n").encode())

    assert unchanged.context.get("confirm_form") is not None  # nothing to change: accepted
    [problem] = changed.context["problems"]
    assert (problem.column, problem.value) == ("status", "Bereikt")
    assert "wijzig hem op de pagina van de eis (“Nieuwe status”)" in problem.message
    [problem] = [p for p in new.context["problems"] if p.column == "status"]
    assert "Een nieuwe eis begint als “Open”" in problem.message
    confirm(client, unchanged)
    assert Demand.objects.get().title_nl == "Nieuw"


def test_the_import_page_explains_each_column_and_does_not_import_status(staff):
    page = staff.get(reverse("admin:tracker_demand_import")).content.decode()

    assert "zal de volgende velden" not in page  # import-export's "will import: … status"
    assert "Gecontroleerd, niet geïmporteerd." in page
    assert "31-12-2026 of 2026-12-31" in page


def test_a_confirmation_without_a_checked_file_goes_back_to_the_upload(staff):
    response = staff.post(reverse("admin:tracker_demand_process_import"), {})

    assert response.status_code == 302
    assert response.url == reverse("admin:tracker_demand_import")


def test_a_row_dated_after_today_is_refused_by_the_ledger_and_nothing_is_written(staff):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).strftime("%d-%m-%Y")
    lines = [";".join([*HEADER, "occurred_on"]), ";".join([*GOOD, tomorrow])]
    content = ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")

    response = upload(staff, content)

    assert response.context.get("confirm_form") is None
    (problem,) = response.context["problems"]
    assert (problem.line, problem.column) == (2, "occurred_on")
    assert problem.message.startswith("“Gebeurd op” (")
    assert "ligt na vandaag" in problem.message
    assert not Demand.objects.exists()
    assert not Entry.objects.exists()


def test_a_row_dated_today_or_earlier_is_recorded_on_that_day(staff):
    lines = [";".join([*HEADER, "occurred_on"]), ";".join([*GOOD, "18-09-2025"])]
    content = ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")

    confirm(staff, upload(staff, content))

    (entry,) = Demand.objects.get().entries.all()
    assert entry.occurred_on == datetime.date(2025, 9, 18)


def test_the_preview_names_the_columns_in_dutch(staff):
    checked = upload(staff, dutch_excel_csv(GOOD))

    headers = checked.context["preview_headers"]
    assert headers[:3] == ["Kenmerk", "Titel (Nederlands)", "Titel (Engels)"]
    assert '<th scope="col">Citaat</th>' in checked.content.decode()


def test_the_import_page_names_what_a_new_demand_requires(staff):
    page = staff.get(reverse("admin:tracker_demand_import"))

    text = page.content.decode()
    assert "reference, title_nl, quote, source, organisation" in text
    required = {name: needed for name, _label, _help, _note, needed in page.context["columns"]}
    assert required["reference"] == "Altijd"
    assert required["quote"] == "Voor een nieuwe eis"
    assert required["title_en"] == ""


def test_a_new_row_without_what_the_page_calls_required_is_refused_on_those_columns(staff):
    refused = upload(staff, b"reference;organisation\r\nWKA-2026-09;war-child\r\n")

    columns = {problem.column for problem in refused.context["problems"]}
    assert columns == {"title_nl", "quote", "source"}
