"""Exports follow the rules of viewing, and say what they contain."""

import csv
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import DemandFactory
from tests.workplace.world import build_staff_world

pytestmark = pytest.mark.django_db
EXPORT = reverse("admin:tracker_demand_export")
CSV_FORMAT = "0"


@pytest.fixture
def world():
    world = build_staff_world()
    DemandFactory(
        reference="STC-2025-01",
        organisation=world["other"],
        owner=world["users"]["other_editor"],
        is_published=False,
    )
    return world


def download(client, query=""):
    """Tick every column the export page offers, as a browser would, and download CSV."""
    page = client.get(EXPORT + query).content.decode()
    columns = dict.fromkeys(re.findall(r'type="checkbox" name="(demandresource\w+)"', page), "on")
    assert columns
    response = client.post(EXPORT + query, {"format": CSV_FORMAT, "resource": "0", **columns})
    assert response.status_code == 200, response.content[:500]
    return response, read_csv(response.content)


def read_csv(content: bytes) -> list[dict]:
    """The admin's CSV, read as Dutch Excel reads it: UTF-8 with a BOM, semicolons."""
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_staff_without_a_role_export_nothing(client, world):
    client.force_login(world["users"]["no_role"])

    assert client.get(EXPORT + "?organisation=all").status_code == 403
    response = client.post(EXPORT + "?organisation=all", {"format": CSV_FORMAT})
    assert response.status_code == 403
    assert b"@example.org" not in response.content


def test_an_editor_exports_their_organisations_demands_without_e_mail_addresses(client, world):
    client.force_login(world["users"]["owning_editor"])

    response, rows = download(client)

    assert [row["reference"] for row in rows] == ["WKA-2025-02"]
    assert "owner" not in rows[0]
    assert b"@" not in response.content
    day = timezone.localdate().isoformat()
    assert f'filename="eisen-defence-for-children-{day}.csv"' in response["Content-Disposition"]


def test_an_editor_exports_everyones_demands_when_the_list_shows_them(client, world):
    client.force_login(world["users"]["owning_editor"])

    response, rows = download(client, "?organisation=all")

    assert {row["reference"] for row in rows} == {"WKA-2025-02", "STC-2025-01"}
    assert b"@" not in response.content
    assert "eisen-alle-organisaties-" in response["Content-Disposition"]


def test_a_coordinator_exports_the_owners_e_mail_addresses(client, world):
    client.force_login(world["users"]["coordinator"])

    _response, rows = download(client, "?organisation=all")

    owners = {row["reference"]: row["owner"] for row in rows}
    assert owners == {
        "WKA-2025-02": "editor@example.org",
        "STC-2025-01": "other.editor@example.org",
    }


def test_the_export_page_says_what_the_file_will_contain(client, world):
    client.force_login(world["users"]["owning_editor"])

    page = client.get(EXPORT + "?organisation=all&is_published__exact=0").content.decode()

    assert (
        "Eén eis, zoals de lijst die toont: organisatie: Alle organisaties; gepubliceerd: Nee."
        in page
    )
    assert "gepubliceerd: Nee" in page
    assert "Eén daarvan is niet gepubliceerd: dit bestand is alleen voor medewerkers." in page
    assert "Zonder de e-mailadressen van de eigenaren" in page
    assert "owner (eigenaar)" not in page  # not even offered as a column


def test_the_csv_opens_in_dutch_excel_semicolons_a_byte_order_mark_and_crlf(client, world):
    client.force_login(world["users"]["coordinator"])

    response, rows = download(client, "?organisation=all")

    assert response.content.startswith(b"\xef\xbb\xbfreference;title_nl;")
    assert b"\r\n" in response.content
    assert {row["reference"] for row in rows} == {"WKA-2025-02", "STC-2025-01"}
