"""Caching a reader never notices: every cached page, feed and export shows a change on the
very next request, and a conditional GET costs one query."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from ledger import services
from tracker.models import Meeting, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PUBLIC_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def cached_urls(world) -> list[str]:
    demand = world["demands"][1]
    return [
        reverse("tracker:overview"),
        reverse("tracker:demand_list"),
        reverse("tracker:demand_list") + "?status=in_progress",
        demand.get_absolute_url(),
        reverse("tracker:source_list"),
        reverse("tracker:source_detail", args=[demand.source.slug]),
        reverse("tracker:meeting_list"),
        world["past_meeting"].get_absolute_url(),
        reverse("tracker:indicator_list"),
        world["indicator"].get_absolute_url(),
        reverse("tracker:feed"),
        reverse("tracker:theme_feed", args=["noodopvang"]),
        reverse("tracker:calendar"),
        reverse("tracker:ledger"),
    ]


def test_a_second_request_is_served_from_the_cache(
    client, world, page_cache, django_assert_max_num_queries
):
    for url in cached_urls(world):
        first = client.get(url)
        assert first.status_code == 200, url
        with django_assert_max_num_queries(1):
            second = client.get(url)
        assert second.content == first.content, url
        assert second["ETag"] == first["ETag"]
        assert "Set-Cookie" not in second and not second.cookies, url


def test_a_conditional_request_costs_one_query_and_answers_304(
    client, world, page_cache, django_assert_num_queries
):
    for url in cached_urls(world):
        etag = client.get(url)["ETag"]
        with django_assert_num_queries(1):
            response = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 304, url
        assert response["ETag"] == etag and response["Last-Modified"]


def test_a_status_change_is_visible_on_the_next_request_of_every_page(client, world, page_cache):
    demand = world["demands"][4]  # Open, in the list, the feeds and the meetings.
    before = {url: client.get(url) for url in cached_urls(world)}

    services.record_status_change(
        demand, Status.ACHIEVED, by=None, public_note="MARKER-ZICHTBAAR Gedaan."
    )

    for url, old in before.items():
        new = client.get(url, HTTP_IF_NONE_MATCH=old["ETag"])
        assert new.status_code == 200, f"{url} still answers 304 after a change"
        assert new["ETag"] != old["ETag"]
    assert "MARKER-ZICHTBAAR" in client.get(demand.get_absolute_url()).content.decode()
    assert "MARKER-ZICHTBAAR" in client.get(reverse("tracker:feed")).content.decode()


def test_a_change_outside_the_ledger_is_visible_on_the_next_request(client, world, page_cache):
    url = reverse("tracker:meeting_list")
    old = client.get(url)
    meeting = Meeting.objects.get(pk=world["upcoming_meeting"].pk)
    meeting.title_nl = "Hernoemd vervolgoverleg"
    meeting.save()

    new = client.get(url, HTTP_IF_NONE_MATCH=old["ETag"])
    assert new.status_code == 200
    assert "Hernoemd vervolgoverleg" in new.content.decode()


def test_tomorrow_is_another_page(client, world, page_cache, settings):
    import time_machine

    url = reverse("tracker:overview")
    with time_machine.travel(datetime.datetime(2025, 11, 20, 12, tzinfo=datetime.UTC)):
        today = client.get(url)["ETag"]
    with time_machine.travel(datetime.datetime(2025, 11, 21, 12, tzinfo=datetime.UTC)):
        assert client.get(url)["ETag"] != today


def exported(response) -> bytes:
    assert response.streaming  # Never built whole in memory.
    return b"".join(response.streaming_content)


@pytest.mark.parametrize("name", ["tracker:demands_csv", "tracker:demands_json"])
def test_an_export_is_kept_by_filter_until_something_changes(
    client, world, page_cache, settings, tmp_path, name
):
    settings.EXPORT_CACHE_DIR = str(tmp_path)
    url = reverse(name) + "?status=open"
    first = client.get(url)
    content = exported(first)
    assert list(tmp_path.iterdir())  # Written to disk while it was streamed.
    again = client.get(url)
    assert exported(again) == content and again["ETag"] == first["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    other = client.get(reverse(name) + "?status=achieved")
    assert exported(other) != content

    demand = next(d for d in world["demands"] if d.status == Status.OPEN)
    services.record_status_change(demand, Status.IN_PROGRESS, by=None, public_note="Bezig.")

    changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert demand.reference.encode() not in exported(changed)
    assert demand.reference.encode() in content


def test_the_overviews_figures_are_computed_once_per_change(
    client, world, django_assert_max_num_queries
):
    url = reverse("tracker:overview")
    first = client.get(url).context["progress"].counts
    with django_assert_max_num_queries(6):  # Figures kept: the state, the meeting, the key
        client.get(url)  # figure and its chart, the latest changes.
    demand = next(d for d in world["demands"] if d.status == Status.OPEN)
    services.record_status_change(demand, Status.ACHIEVED, by=None, public_note="Gedaan.")
    counts = client.get(url).context["progress"].counts
    assert counts[Status.ACHIEVED] == first[Status.ACHIEVED] + 1
