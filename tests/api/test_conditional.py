"""Each list runs a fixed number of queries whatever its length; a client whose copy is
current gets 304 for at most one query; any change that shows in an answer changes its ETag."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.db.models import Model
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from ledger import checkpoints
from ledger import services as ledger
from ledger.models import Entry
from tests.public_site.world import add_demands, build_world
from tracker.models import Measurement, Source, Theme

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/demands/",
    "/api/v1/demands/?theme=noodopvang&status=in_progress",
    "/api/v1/demands/?q=crisisnoodopvang%20kinderen",
    "/api/v1/demands/?raised_by=werkgroep-kind-in-azc&response=accepted",
    "/api/v1/demands/WKA-2025-01/entries/",
    "/api/v1/statements/",
    "/api/v1/statements/?kind=promise",
    "/api/v1/statements/?status=withdrawn&actor=minister-av",
    "/api/v1/responses/",
    "/api/v1/sources/",
    "/api/v1/actors/",
    "/api/v1/themes/",
    "/api/v1/meetings/",
    "/api/v1/indicators/",
    "/api/v1/ledger/entries/",
    "/api/v1/ledger/checkpoints/",
    "/api/v1/ledger/keys/",
]
DETAILS = [
    "/api/v1/demands/WKA-2025-01/",
    "/api/v1/statements/TZ-2023-01/",
    "/api/v1/sources/brief-werkgroep-2025/",
    "/api/v1/actors/coa/",
    "/api/v1/themes/onderwijs/",
    "/api/v1/meetings/commissiedebat-2025-09-23/",
    "/api/v1/indicators/kinderen-in-noodopvang/",
    "/api/v1/ledger/entries/1/",
]


def with_page_size(url: str) -> str:
    # Every row on one page, so that a query per row would show.
    return url + ("&" if "?" in url else "?") + "page_size=1000"


def query_counts(client, urls) -> dict[str, int]:
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(with_page_size(url))
        assert response.status_code == 200, (url, response.data)
        counts[url] = len(queries)
    return counts


def test_every_list_runs_a_fixed_number_of_queries():
    world = build_world(9)  # and the demand made again in another document: 10
    checkpoints.sign()
    client = APIClient()
    with_10 = query_counts(client, LISTS)
    add_demands(world, 490)
    checkpoints.sign()
    assert client.get("/api/v1/demands/?page_size=1000").data["count"] == 500
    with_500 = query_counts(client, LISTS)
    print("\n".join(f"{with_10[url]:3} {with_500[url]:3}  {url}" for url in LISTS))
    assert with_500 == with_10


def test_no_row_reads_a_field_its_query_left_out(world, clients, monkeypatch):
    """Of related rows the lists read only what they show (api.views.with_related): a field
    shown but left out would be read row by row, a query each, and only where such a row
    exists (a duplicate, a correction), which the counts above need not see."""
    wrong = world["demands"][1].entries.get(kind=Entry.Kind.RESPONSE)
    ledger.record_correction(
        wrong, {"response": "partly_accepted"}, by=world["owner"], public_note="Deels."
    )

    def refuse(item, fields=None, **kwargs):
        raise AssertionError(f"{type(item).__name__}.{fields} read on its own")

    monkeypatch.setattr(Model, "refresh_from_db", refuse)
    for reader in ("anonymous", "coordinator"):
        for url in LISTS + DETAILS:
            response = clients[reader].get(with_page_size(url))
            assert response.status_code == 200, (reader, url)


def test_a_current_copy_costs_one_query_and_no_body(world):
    client = APIClient()
    for url in LISTS + DETAILS:
        first = client.get(url)
        assert first.status_code == 200 and first["ETag"], url
        with CaptureQueriesContext(connection) as queries:
            again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304, url
        assert again.content == b""
        assert again["ETag"] == first["ETag"]
        assert len(queries) <= 1, (url, [q["sql"] for q in queries])


def etag(url: str, **headers) -> str:
    return APIClient().get(url, **headers)["ETag"]


def test_a_change_that_shows_changes_the_etag(world):
    demands, sources = "/api/v1/demands/", "/api/v1/sources/"
    themes, meetings = "/api/v1/themes/", "/api/v1/meetings/"
    indicators, detail = "/api/v1/indicators/", "/api/v1/demands/WKA-2025-05/"
    before = {url: etag(url) for url in (demands, sources, themes, meetings, indicators, detail)}

    ledger.record_status_change(
        world["demands"][4], "achieved", by=world["owner"], public_note="Gedaan."
    )
    assert etag(demands) != before[demands]
    assert etag(detail) != before[detail]

    source = Source.objects.get(slug="brief-werkgroep-2025")
    source.title = "Brief aan de vaste Kamercommissie"
    source.save()
    assert etag(sources) != before[sources]

    theme = Theme.objects.get(slug="amv")
    theme.name_en = "Unaccompanied children"
    theme.save()
    assert etag(themes) != before[themes]

    world["upcoming_meeting"].demands.remove(world["demands"][0])
    assert etag(meetings) != before[meetings]

    Measurement.objects.create(
        indicator=world["indicator"], date=datetime.date(2025, 10, 1), value=7400
    )
    assert etag(indicators) != before[indicators]


def test_the_etag_differs_by_day_query_language_and_reader(world, clients):
    url = "/api/v1/demands/"
    today = etag(url)
    with time_machine.travel(datetime.datetime(2030, 1, 1, 12, tzinfo=datetime.UTC)):
        assert etag(url) != today  # "overdue" depends on the day
    assert etag(url + "?status=open") != today
    assert etag(url, HTTP_ACCEPT_LANGUAGE="en") != today
    assert clients["editor_own"].get(url)["ETag"] != today  # sees unpublished items too
    vary = APIClient().get(url)["Vary"]
    assert "Authorization" in vary and "Cookie" in vary and "Accept-Language" in vary


@pytest.fixture
def answer_cache(settings):
    settings.PUBLIC_CACHE_SECONDS = 600


def test_an_anonymous_readers_second_request_is_served_from_the_cache(world, answer_cache):
    client = APIClient()
    for url in LISTS + DETAILS:
        first = client.get(url)
        with CaptureQueriesContext(connection) as queries:
            second = client.get(url)
        assert second.status_code == 200, url
        assert second.content == first.content, url
        assert second["ETag"] == first["ETag"] and second["Content-Type"] == "application/json"
        assert len(queries) <= 1, (url, [q["sql"] for q in queries])


def test_a_status_change_shows_in_every_cached_list_on_the_next_request(world, answer_cache):
    client = APIClient()
    demand = world["demands"][4]
    lists = [
        "/api/v1/demands/",
        f"/api/v1/demands/{demand.reference}/",
        f"/api/v1/demands/{demand.reference}/entries/",
        "/api/v1/ledger/entries/?page_size=1000",
    ]
    before = {url: client.get(url).content for url in lists}

    ledger.record_status_change(demand, "achieved", by=world["owner"], public_note="MARKER-GEDAAN")

    for url in lists:
        after = client.get(url).content
        assert after != before[url], f"{url} answered from a stale cache"
        assert b"MARKER-GEDAAN" in after or b"achieved" in after, url


def test_staff_answers_are_never_kept_for_anonymous_readers(world, clients, answer_cache):
    hidden = world["demands"][2]
    Demand = type(hidden)
    Demand.objects.filter(pk=hidden.pk).update(is_published=False)
    url = "/api/v1/demands/?page_size=1000"
    seen_by_editor = clients["editor_own"].get(url).content
    assert hidden.reference.encode() in seen_by_editor
    for _ in range(2):
        assert hidden.reference.encode() not in APIClient().get(url).content
