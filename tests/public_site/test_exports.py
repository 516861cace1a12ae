"""CSV and JSON downloads of any filtered list, with the same filter as the HTML list."""

import csv
import io
import json

import pytest
from django.urls import reverse

from tests.public_site.reader import download
from tracker.models import Demand

# Slow: exports at many sizes; left out of the everyday loop (`make check`).
pytestmark = [pytest.mark.django_db, pytest.mark.slow]

FILTERS = "?status=in_progress&theme=onderwijs"


def test_csv_export_has_the_filtered_list(client, world):
    listed = client.get(reverse("tracker:demand_list") + FILTERS).context["page"].paginator.count
    response = client.get(reverse("tracker:demands_csv") + FILTERS)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == listed > 0
    assert {row["status"] for row in rows} == {"in_progress"}
    assert all("onderwijs" in row["themes"].split() for row in rows)
    assert rows[0]["url"].startswith("http://testserver/demands/")


def test_json_export_has_the_filtered_list(client, world):
    listed = client.get(reverse("tracker:demand_list") + FILTERS).context["page"].paginator.count
    data = json.loads(download(client, reverse("tracker:demands_json") + FILTERS))
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
        csv.DictReader(io.StringIO(download(client, reverse("tracker:demands_csv")).decode()))
    )
    row = next(row for row in rows if row["reference"] == demand.reference)
    assert row["title_nl"] == "'" + formula
    assert row["quote"] == "'" + formula


def test_json_keeps_the_text_exactly(client, world):
    demand = world["demands"][0]
    Demand.objects.filter(pk=demand.pk).update(title_nl="=1+1")
    data = json.loads(download(client, reverse("tracker:demands_json")))
    assert {row["title_nl"] for row in data["demands"]} >= {"=1+1"}


@pytest.mark.parametrize("url_name", ["tracker:demands_csv", "tracker:demands_json"])
def test_an_export_with_a_filter_the_list_refuses_is_a_400_not_everything(client, world, url_name):
    response = client.get(reverse(url_name) + "?theme=no-such-theme")
    assert response.status_code == 400
    assert "theme" in json.loads(response.content)["errors"]


def _peak_of_reading(client, url) -> int:
    import gc
    import tracemalloc

    gc.collect()
    tracemalloc.start()
    try:
        for _chunk in client.get(url).streaming_content:
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("url_name", ["tracker:demands_csv", "tracker:demands_json"])
def test_exports_stream_in_flat_memory(client, world, url_name, monkeypatch):
    from public_site import exports
    from tests.public_site.world import add_demands

    monkeypatch.setattr(exports, "CHUNK", 50)  # Both sizes span many chunks.
    url = reverse(url_name)
    add_demands(world, 200)
    _peak_of_reading(client, url)  # Warm the caches of compiled SQL and templates.
    small = _peak_of_reading(client, url)
    add_demands(world, 1200)
    large = _peak_of_reading(client, url)
    # Seven times the demands; the peak stays within one chunk's budget.
    assert large < 1.5 * small, (small, large)
