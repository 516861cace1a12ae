"""What anyone reads: the public list's own filter, meetings dated as precisely as known,
statements by their nature, and searches kept within bounds."""

import json

import pytest
from django.http import QueryDict
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from api import views
from tests.public_site.reader import download
from tracker.models import Demand, Meeting, Statement

pytestmark = pytest.mark.django_db

QUERIES = [
    "status=achieved",
    "theme=onderwijs",
    "addressee=coa&status=open",
    "source=position-paper-dci",
    "overdue=true",
    "deadline_after=2025-10-01&deadline_before=2025-10-31",
    "q=eis%201",
]


@pytest.mark.parametrize("query", QUERIES)
def test_the_api_filters_as_the_public_list_does(client, world, query):
    """One FilterSet for both: the API answers what the site's export of the same list does."""
    api = APIClient().get(f"/api/v1/demands/?{query}&page_size=1000").json()
    export = json.loads(download(client, f"/demands/export.json?{query}"))["demands"]
    assert [d["reference"] for d in api["results"]] == [d["reference"] for d in export]
    assert api["count"] == len(export)


BAD_FILTERS = [
    ("theme=no-such-theme", "theme"),
    ("source=no-such-source", "source"),
    ("raised_by=no-one", "raised_by"),
    ("status=finished", "status"),
    ("response=maybe", "response"),
    ("deadline_after=end-of-october", "deadline_after"),
    # The search's bounds are the public list's (public_site.search): 200 characters, 8 words.
    ("q=" + "x" * 201, "q"),
    ("q=" + "+".join(["woord"] * 9), "q"),
]


@pytest.mark.parametrize(("query", "field"), BAD_FILTERS)
def test_a_bad_filter_is_a_400_with_the_public_lists_own_error(client, world, query, field):
    """The public list, its export and the API refuse the same filters with the same words."""
    response = APIClient().get(f"/api/v1/demands/?{query}")
    assert response.status_code == 400
    export = client.get(f"/demands/export.json?{query}")
    assert export.status_code == 400
    assert response.json() == export.json()["errors"] and field in response.json()
    assert client.get(f"/demands/?{query}").status_code == 400


@pytest.mark.parametrize(
    ("query", "field"),
    [("page_size=0", "page_size"), ("page_size=5000", "page_size"), ("page=0", "page")],
)
def test_a_bad_page_is_a_400_that_names_it(world, query, field):
    response = APIClient().get(f"/api/v1/demands/?{query}")
    assert response.status_code == 400
    assert field in response.json()


def test_a_search_within_the_bounds_is_answered(world):
    eight_words = "+".join(["eis"] * 7 + ["1"])
    response = APIClient().get(f"/api/v1/demands/?q={'x' * 200}")
    assert response.status_code == 200 and response.json()["count"] == 0
    response = APIClient().get(f"/api/v1/demands/?q={eight_words}")
    assert response.status_code == 200 and response.json()["count"] > 0


@pytest.mark.parametrize(
    "query", ["kind=belofte", "status=finished", "actor=no-one", "source=no-such-source"]
)
def test_a_bad_statement_filter_is_a_400_as_on_the_public_list(client, world, query):
    assert APIClient().get(f"/api/v1/statements/?{query}").status_code == 400
    assert client.get(f"/statements/?{query}").status_code == 400


def test_pages_come_in_a_fixed_order_and_each_row_once(world):
    client = APIClient()
    seen, url = [], "/api/v1/demands/?page_size=5"
    while url:
        page = client.get(url).json()
        seen += [row["reference"] for row in page["results"]]
        url = page["next"]
    assert seen == sorted(seen) and len(seen) == len(set(seen)) == 13


@pytest.mark.parametrize("language", ["nl", "en"])
def test_each_address_is_the_one_reverse_gives_in_the_language_asked(world, language):
    # The addresses are reversed once per answer and completed per row (api.serializers).
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    for name, model, key in [
        ("demand", Demand, "reference"),
        ("statement", Statement, "reference"),
        ("meeting", Meeting, "slug"),
    ]:
        rows = client.get(f"/api/v1/{name}s/?page_size=1000").json()["results"]
        assert rows, name
        with translation.override(language):
            for row in rows:
                item = model.objects.get(**{key: row[key]})
                api_url = reverse(f"api:{name}-detail", args=[row[key]])
                assert row["api_url"] == f"http://testserver{api_url}"
                if "page_url" in row:
                    assert row["page_url"] == f"http://testserver{item.get_absolute_url()}"
    suffixed = client.get("/api/v1/demands.json").json()["results"][0]
    assert suffixed["api_url"].endswith(f"/demands/{suffixed['reference']}.json")


@pytest.mark.parametrize(
    "view", [views.DemandViewSet, views.StatementViewSet, views.ResponseViewSet, views.EntryViewSet]
)
def test_a_filter_given_no_values_leaves_the_list_as_it_is(world, view):
    # What lets api.filters.Filters skip the filter of a request that names only a page.
    items = view.queryset.model.objects.order_by("pk")
    filtered = view.filterset_class(data=QueryDict(), queryset=items)
    assert filtered.is_valid()
    assert list(filtered.qs) == list(items)


def test_meetings_are_dated_as_precisely_as_known(world):
    meetings = {m["slug"]: m for m in APIClient().get("/api/v1/meetings/").json()["results"]}
    undated = meetings["vervolgoverleg-datum-onbekend"]
    assert undated["date"] is None and undated["starts_at"] is None
    all_day = meetings["rondetafel-2026"]
    assert all_day["all_day"] is True and all_day["time"] is None
    debate = meetings["commissiedebat-2025-09-23"]
    assert debate["date"] == "2025-09-23" and debate["time"] == "16:00:00"
    assert debate["starts_at"] == "2025-09-23T16:00:00+02:00"
    assert debate["agenda"] == sorted(d.reference for d in world["demands"])
    # "Date to be set" sorts last.
    assert list(meetings)[-1] == "vervolgoverleg-datum-onbekend"


def test_commitments_are_the_statements_of_kind_promise(world):
    client = APIClient()

    def references(query: str) -> list[str]:
        return [
            s["reference"] for s in client.get(f"/api/v1/statements/?{query}").json()["results"]
        ]

    assert references("") == ["TZ-2023-01", "TZ-2023-02", "TZ-2023-03", "TZ-2025-04", "TZ-2025-05"]
    assert references("kind=promise") == ["TZ-2023-01", "TZ-2023-02", "TZ-2023-03"]
    assert references("kind=aim") == ["TZ-2025-04"]
    # As on the public list, a status is a promise's: the aim, open as well, is not kept.
    assert references("status=open") == ["TZ-2023-01", "TZ-2023-03"]
    assert references("status=withdrawn") == ["TZ-2023-02"]
    assert references("answers=WKA-2025-02") == ["TZ-2023-01"]
    promise = client.get("/api/v1/statements/TZ-2023-01/").json()
    assert promise["answers"] == ["WKA-2025-01", "WKA-2025-02", "WKA-2025-03"]


def test_indicators_carry_their_measurements_with_nature_and_qualifier(world):
    indicator = APIClient().get("/api/v1/indicators/kinderen-in-noodopvang/").json()
    measurements = {m["date"]: m for m in indicator["measurements"]}
    assert list(measurements) == ["2025-06-01", "2025-08-01", "2025-09-01", "2026-06-01"]
    assert measurements["2025-09-01"] | {"value": "7519.00"} == measurements["2025-09-01"]
    assert {d: (m["nature"], m["qualifier"]) for d, m in measurements.items()} == {
        "2025-06-01": ("estimate", "circa"),
        "2025-08-01": ("counted", "exact"),
        "2025-09-01": ("counted", "exact"),
        "2026-06-01": ("projection", "circa"),
    }


def test_unknown_addresses_under_the_api_are_json_404s(world):
    for url in ["/api/v2/demands/", "/api/v1/nothing/", "/api/v1/ledger/entries/abc/"]:
        response = APIClient().get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    "url", ["/api/v1/demands/%00/", "/api/v1/demands/?q=%01", "/api/v1/themes/%1F/"]
)
def test_a_url_with_control_characters_is_a_json_400(world, url):
    response = APIClient().get(url)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Control characters in the URL."}


@override_settings(MAX_REQUEST_BYTES=1000)
def test_a_body_over_the_limit_is_a_json_413(world):
    response = APIClient().post(
        "/api/v1/demands/", data=b"{}" + b" " * 2000, content_type="application/json"
    )
    assert response.status_code == 413
    assert "1000 bytes" in response.json()["detail"]
