import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import (
    ActorFactory,
    DemandFactory,
    OrganisationFactory,
    SourceFactory,
    ThemeFactory,
    coordinator,
    editor,
)
from tests.workplace.test_spreadsheet_export import read_csv
from tracker.models import Demand

pytestmark = pytest.mark.django_db

HEADER = [
    "reference",
    "title_nl",
    "title_en",
    "quote",
    "source",
    "addressees",
    "themes",
    "organisation",
    "deadline",
    "priority",
    "is_published",
]
CSV_FORMAT = "0"  # the admin's first format: CSV


def csv_file(rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return SimpleUploadedFile("demands.csv", out.getvalue().encode(), content_type="text/csv")


def import_csv(client, rows):
    return client.post(
        reverse("admin:tracker_demand_import"),
        {
            "import_file": csv_file(rows),
            "format": CSV_FORMAT,
            "resource": "0",
        },
    )


@pytest.fixture
def vocabulary():
    return {
        "source": SourceFactory(slug="brief-2025"),
        "actor": ActorFactory(slug="coa"),
        "theme": ThemeFactory(slug="onderwijs"),
        "organisation": OrganisationFactory(slug="war-child"),
    }


def row(reference, **overrides):
    values = {
        "reference": reference,
        "title_nl": "Onderwijs binnen drie maanden",
        "title_en": "School within three months",
        "quote": "Zorg dat ieder kind naar school gaat.",
        "source": "brief-2025",
        "addressees": "coa",
        "themes": "onderwijs",
        "organisation": "war-child",
        "deadline": "2025-12-31",
        "priority": "high",
        "is_published": "1",
    }
    values.update(overrides)
    return [values[column] for column in HEADER]


def test_valid_file_is_shown_for_confirmation_then_imported(client, vocabulary):
    client.force_login(editor(organisation=vocabulary["organisation"]))

    response = import_csv(client, [row("WKA-2025-90"), row("WKA-2025-91")])
    assert response.status_code == 200
    confirm = response.context["confirm_form"]
    assert confirm is not None
    assert not Demand.objects.exists()  # a dry run first

    client.post(reverse("admin:tracker_demand_process_import"), confirm.initial)
    imported = Demand.objects.get(reference="WKA-2025-90")
    assert [a.slug for a in imported.addressees.all()] == ["coa"]
    assert imported.status == "open"
    assert Demand.objects.count() == 2


def test_file_with_one_bad_row_imports_nothing_and_names_the_row(client, vocabulary):
    client.force_login(editor(organisation=vocabulary["organisation"]))

    response = import_csv(
        client,
        [
            row("WKA-2025-90"),
            row("WKA-2025-91", source="bestaat-niet"),
            row("WKA-2025-92"),
        ],
    )

    assert response.context.get("confirm_form") is None
    invalid = response.context["result"].invalid_rows
    assert [r.number for r in invalid] == [2]
    assert "bestaat-niet" in invalid[0].error_dict["source"][0]
    assert "bestaat-niet" in response.content.decode()
    assert not Demand.objects.exists()


def test_unknown_addressee_is_an_error_not_silently_dropped(client, vocabulary):
    client.force_login(editor(organisation=vocabulary["organisation"]))

    response = import_csv(client, [row("WKA-2025-90", addressees="coa,ind")])

    invalid = response.context["result"].invalid_rows
    assert "“ind”" in invalid[0].error_dict["addressees"][0]
    assert not Demand.objects.exists()


def test_editor_cannot_import_demands_of_another_organisation(client, vocabulary):
    client.force_login(editor(organisation=OrganisationFactory()))

    response = import_csv(client, [row("WKA-2025-90")])

    invalid = response.context["result"].invalid_rows
    assert [r.number for r in invalid] == [1]
    assert "organisation" in invalid[0].error_dict
    assert not Demand.objects.exists()


def test_import_cannot_move_a_deadline_behind_the_ledgers_back(client, vocabulary):
    DemandFactory(
        reference="WKA-2025-90",
        organisation=vocabulary["organisation"],
        source=vocabulary["source"],
    )
    client.force_login(coordinator())

    response = import_csv(client, [row("WKA-2025-90", deadline="2030-01-01")])

    invalid = response.context["result"].invalid_rows
    assert "deadline" in invalid[0].error_dict
    assert Demand.objects.get().deadline is None


def test_export_as_xlsx_carries_status_and_relations(client, vocabulary):
    demand = DemandFactory(source=vocabulary["source"], addressees=[vocabulary["actor"]])
    client.force_login(coordinator())

    response = client.post(
        reverse("admin:tracker_demand_export"),
        {
            "format": "1",
            "resource": "0",
            "export_items": [demand.pk],
            **{f"demandresource_{name}": "on" for name in [*HEADER, "status"]},
        },
    )

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    header = list(rows[0])
    values = dict(zip(header, rows[1], strict=False))
    assert values["reference"] == demand.reference
    assert values["addressees"] == "coa"
    assert values["status"] == "open"


def export(client, demand, file_format: str):
    return client.post(
        reverse("admin:tracker_demand_export"),
        {
            "format": file_format,
            "resource": "0",
            "export_items": [demand.pk],
            **{f"demandresource_{name}": "on" for name in [*HEADER, "status"]},
        },
    )


def test_admin_exports_write_formulas_as_text(client, vocabulary):
    demand = DemandFactory(
        source=vocabulary["source"],
        title_nl='=HYPERLINK("http://evil.example","klik")',
        quote="@SUM(A1)",
    )
    client.force_login(coordinator())

    sheet = load_workbook(io.BytesIO(export(client, demand, "1").content)).active
    header, row = [cell for cell in sheet[1]], sheet[2]
    cells = {head.value: cell for head, cell in zip(header, row, strict=False)}
    assert cells["title_nl"].data_type == "s"
    assert cells["title_nl"].value == "'" + demand.title_nl
    assert cells["quote"].value == "'@SUM(A1)"

    rows = read_csv(export(client, demand, CSV_FORMAT).content)
    assert rows[0]["title_nl"] == "'" + demand.title_nl


@pytest.mark.parametrize("file_format, name", [(CSV_FORMAT, "eisen.csv"), ("1", "eisen.xlsx")])
def test_a_text_exported_as_text_imports_back_as_it_was(client, vocabulary, file_format, name):
    demand = DemandFactory(
        source=vocabulary["source"],
        organisation=vocabulary["organisation"],
        title_nl="=10 scholen, +2 in 2026",
        quote="- Zorg dat ieder kind naar school gaat.",
    )
    client.force_login(coordinator())
    exported = export(client, demand, file_format).content

    response = client.post(
        reverse("admin:tracker_demand_import"),
        {"import_file": SimpleUploadedFile(name, exported), "format": "0", "resource": "0"},
    )

    assert response.context["problems"] == []
    assert response.context["counts"]["unchanged"] == 1, response.context["counts"]
