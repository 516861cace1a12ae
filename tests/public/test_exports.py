"""CSV and JSON downloads of any filtered list, with the same filter as the HTML list."""

import csv
import io
import json

import pytest
from django.urls import reverse

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
