"""CSV and JSON downloads of any filtered list, with the same filter as the HTML list."""

import csv
import io
import json

import pytest
from django.urls import reverse

from tracker.models import Demand

pytestmark = pytest.mark.django_db

FILTERS = "?status=in_progress&theme=onderwijs"


def test_csv_export_has_the_filtered_list(client, world):
    listed = client.get(reverse("tracker:demand_list") + FILTERS).context["page"].paginator.count
    response = client.get(reverse("tracker:demands_csv") + FILTERS)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == listed > 0
    assert {row["status"] for row in rows} == {"in_progress"}
    assert all("onderwijs" in row["themes"].split() for row in rows)
    assert rows[0]["url"].startswith("http://testserver/demands/")


def test_json_export_has_the_filtered_list(client, world):
    listed = client.get(reverse("tracker:demand_list") + FILTERS).context["page"].paginator.count
    data = json.loads(client.get(reverse("tracker:demands_json") + FILTERS).content)
    assert len(data["demands"]) == listed
    first = data["demands"][0]
    assert first["status"] == "in_progress"
    assert set(first) >= {"reference", "title_nl", "title_en", "deadline", "overdue", "quote"}


def test_list_links_its_exports_with_the_active_filters(client, world):
    content = client.get(reverse("tracker:demand_list") + FILTERS).content.decode()
    assert 'href="/demands/export.csv?status=in_progress&amp;theme=onderwijs"' in content


FORMULAS = ['=HYPERLINK("http://evil.example")', "+1+1", "-2+3", "@SUM(A1)", "\t=1"]


@pytest.mark.parametrize("formula", FORMULAS)
def test_csv_cells_that_look_like_formulas_are_text(client, world, formula):
    demand = world["demands"][0]
    Demand.objects.filter(pk=demand.pk).update(title_nl=formula, quote=formula)
    rows = list(
        csv.DictReader(io.StringIO(client.get(reverse("tracker:demands_csv")).content.decode()))
    )
    row = next(row for row in rows if row["reference"] == demand.reference)
    assert row["title_nl"] == "'" + formula
    assert row["quote"] == "'" + formula


def test_json_keeps_the_text_exactly(client, world):
    demand = world["demands"][0]
    Demand.objects.filter(pk=demand.pk).update(title_nl="=1+1")
    data = json.loads(client.get(reverse("tracker:demands_json")).content)
    assert {row["title_nl"] for row in data["demands"]} >= {"=1+1"}


@pytest.mark.parametrize("url_name", ["tracker:demands_csv", "tracker:demands_json"])
def test_an_export_with_a_filter_the_list_refuses_is_a_400_not_everything(client, world, url_name):
    response = client.get(reverse(url_name) + "?theme=no-such-theme")
    assert response.status_code == 400
    assert "theme" in json.loads(response.content)["errors"]
