"""The public pages show what the coalition demanded, of whom, by when, and what happened."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from tests.public_site.world import add_demands
from tracker.models import Demand, Indicator, Measurement, Meeting

pytestmark = pytest.mark.django_db


def public_pages(world) -> list[str]:
    """Every kind of public HTML page, with the world's items in it."""
    demand = world["demands"][0]
    return [
        reverse("tracker:overview"),
        reverse("tracker:demand_list"),
        reverse("tracker:demand_list") + "?status=in_progress&theme=noodopvang&overdue=true",
        reverse("tracker:demand_list") + "?response=rejected&raised_by=werkgroep-kind-in-azc",
        demand.get_absolute_url(),
        world["repeat"].get_absolute_url(),
        reverse("tracker:statement_list"),
        reverse("tracker:statement_list") + "?kind=promise&status=withdrawn",
        world["commitment"].get_absolute_url(),
        world["withdrawn_promise"].get_absolute_url(),
        world["decision"].get_absolute_url(),
        reverse("tracker:source_list"),
        reverse("tracker:source_detail", args=[world["sources"][0].slug]),
        reverse("tracker:meeting_list"),
        world["past_meeting"].get_absolute_url(),
        world["upcoming_meeting"].get_absolute_url(),
        world["all_day_meeting"].get_absolute_url(),
        world["undated_meeting"].get_absolute_url(),
        reverse("tracker:indicator_list"),
        world["indicator"].get_absolute_url(),
        world["budget"].get_absolute_url(),
        reverse("tracker:explanation"),
    ]


def public_urls(world) -> list[str]:
    """Every public page, feed and export."""
    return public_pages(world) + [
        reverse("tracker:feed"),
        reverse("tracker:theme_feed", args=["noodopvang"]),
        reverse("tracker:calendar"),
        reverse("tracker:demands_csv"),
        reverse("tracker:demands_json"),
    ]


def test_every_public_page_answers_without_login(client, world):
    for url in public_urls(world):
        response = client.get(url)
        assert response.status_code == 200, url


def test_overview_counts_demands_per_status_and_overdue(client, world):
    with time_machine.travel(datetime.datetime(2025, 11, 20, 12, tzinfo=datetime.UTC)):
        context = client.get(reverse("tracker:overview")).context
    progress = context["progress"]
    counts = progress.counts
    assert progress.total == 12
    assert counts["achieved"] == 2 and counts["not_achieved"] == 2 and counts["open"] == 5
    assert progress.share_achieved == 17
    # Deadlines on 31 October for two demands in three; achieved and not achieved are final.
    assert context["overdue_count"] == Demand.objects.overdue(datetime.date(2025, 11, 20)).count()
    assert context["next_meeting"] == world["upcoming_meeting"]
    assert context["indicator"] == world["indicator"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=achieved", {"WKA-2025-03", "WKA-2025-08"}),
        ("theme=onderwijs&status=not_achieved", {"WKA-2025-09"}),
        ("addressee=coa&status=open", {"WKA-2025-01", "WKA-2025-10"}),
        ("source=position-paper-dci&status=achieved", {"WKA-2025-03"}),
        ("q=eis+12", {"WKA-2025-12"}),
        (
            "deadline_after=2025-10-01&deadline_before=2025-10-31&status=not_achieved",
            {"WKA-2025-04"},
        ),
    ],
)
def test_demand_list_filters(client, world, query, expected):
    page = client.get(reverse("tracker:demand_list") + "?" + query).context["page"]
    assert {demand.reference for demand in page.object_list} == expected


def test_overdue_filter_uses_the_one_definition_of_overdue(client, world):
    with time_machine.travel(datetime.datetime(2025, 11, 20, 12, tzinfo=datetime.UTC)):
        page = client.get(reverse("tracker:demand_list") + "?overdue=true").context["page"]
        overdue = set(Demand.objects.overdue().values_list("reference", flat=True))
    assert {demand.reference for demand in page.object_list} == overdue
    assert overdue


def test_overdue_is_understood_as_people_write_it_and_nonsense_is_refused(client, world):
    url = reverse("tracker:demand_list")
    with time_machine.travel(datetime.datetime(2025, 11, 20, 12, tzinfo=datetime.UTC)):
        overdue = client.get(url + "?overdue=true").context["page"].paginator.count
        not_overdue = client.get(url + "?overdue=false").context["page"].paginator.count
        assert overdue and not_overdue
        for spelling in ("1", "yes", "ja"):
            assert client.get(url + f"?overdue={spelling}").context["page"].paginator.count == (
                overdue
            )
        assert client.get(url + "?overdue=0").context["page"].paginator.count == not_overdue
        refused = client.get(url + "?overdue=maybe")
    assert refused.status_code == 400
    assert refused.context["page"].paginator.count == 0


def test_demand_list_pages_keep_the_filters(client, world):
    add_demands(world, 30)
    response = client.get(reverse("tracker:demand_list") + "?theme=noodopvang")
    assert response.context["page"].paginator.num_pages == 2
    assert 'href="?theme=noodopvang&amp;page=2"' in response.content.decode()


def test_demand_page_shows_quote_source_and_public_timeline(client, world):
    demand = world["demands"][1]  # accepted, then in progress
    response = client.get(demand.get_absolute_url())
    content = response.content.decode()
    assert demand.quote in content
    assert reverse("tracker:source_detail", args=[demand.source.slug]) in content
    assert demand.source.url in content
    entries = list(demand.entries.order_by("seq"))
    assert len(entries) == 3  # Entered, the response, in progress.
    for entry in entries:
        assert entry.entry_hash in content
        assert entry.public_note in content
    assert world["commitment"].title_nl in content
    assert world["past_meeting"].title_nl in content


def test_meeting_shows_how_each_item_stood_that_day_and_stands_now(client, world):
    meeting = client.get(world["past_meeting"].get_absolute_url()).context["meeting"]
    stood = {demand.reference: (demand.status_then, demand.status) for demand in meeting.agenda}
    # The world's first change is 5 days before the debate, the second 5 days after.
    assert stood["WKA-2025-02"] == ("open", "in_progress")
    assert stood["WKA-2025-03"] == ("open", "achieved")
    assert stood["WKA-2025-05"] == ("open", "open")


def test_titles_follow_the_language_in_the_url_and_dutch_is_the_default(client, world):
    demand = world["demands"][0]
    dutch_url = demand.get_absolute_url()
    with translation.override("en"):
        english_url = demand.get_absolute_url()
    assert english_url == "/en" + dutch_url
    dutch = client.get(dutch_url).content.decode()
    assert demand.title_nl in dutch and '<html lang="nl">' in dutch
    assert f'href="{english_url}" hreflang="en"' in dutch
    english = client.get(english_url).content.decode()
    assert demand.title_en in english and '<html lang="en">' in english
    assert f'href="{dutch_url}" hreflang="nl"' in english


def test_the_language_switch_keeps_the_filters(client, world):
    content = client.get("/demands/?status=open&page=1").content.decode()
    assert 'href="/en/demands/?status=open&amp;page=1" hreflang="en"' in content


def test_a_browser_asking_for_english_still_gets_the_dutch_page_without_prefix(client, world):
    demand = world["demands"][0]
    content = client.get(demand.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="nl">' in content and demand.title_nl in content


def test_dates_and_numbers_follow_the_locale(client, world):
    demand = world["demands"][1]
    assert "31 oktober 2025" in client.get(demand.get_absolute_url()).content.decode()
    assert "7.519" in client.get(world["indicator"].get_absolute_url()).content.decode()
    with translation.override("en"):
        demand_url, indicator_url = demand.get_absolute_url(), world["indicator"].get_absolute_url()
    assert "Oct. 31, 2025" in client.get(demand_url).content.decode()
    assert "7,519" in client.get(indicator_url).content.decode()


def test_pages_load_nothing_from_outside_the_site(client, world):
    for url in public_pages(world):
        content = client.get(url).content.decode()
        assert "<script" not in content
        assert 'src="http' not in content and "@import" not in content
        assert 'rel="stylesheet" href="/static/' in content


def test_overview_shows_the_key_indicator_named_in_settings(client, world, settings):
    other = Indicator.objects.create(slug="silja", name_nl="Kinderen op de Silja")
    Measurement.objects.create(indicator=other, date=datetime.date(2025, 9, 1), value=450)
    assert client.get(reverse("tracker:overview")).context["indicator"] == world["indicator"]
    settings.KEY_INDICATOR = "silja"
    assert client.get(reverse("tracker:overview")).context["indicator"] == other


def test_an_upcoming_meeting_shows_only_how_its_items_stand_now(client, world):
    content = client.get(world["upcoming_meeting"].get_absolute_url()).content.decode()
    assert "Status nu" in content
    assert "Status op de dag zelf" not in content


def test_a_year_after_the_last_meeting_the_overview_names_it(client, world):
    held = Meeting.objects.published().dated().order_by("-date").first()
    with time_machine.travel(datetime.datetime(held.date.year + 1, 12, 1, 12, tzinfo=datetime.UTC)):
        with translation.override("nl"):
            page = client.get(reverse("tracker:overview")).content.decode()
    assert "Geen overleg gepland." in page
    assert "Het laatste:" in page and held.title in page and "geleden" in page


def test_an_overdue_demands_page_says_how_long_it_has_been_overdue(client, world):
    demand = world["demands"][0]
    Demand.objects.filter(pk=demand.pk).update(
        status="open", deadline=datetime.date(2025, 10, 31), is_published=True
    )
    with time_machine.travel(datetime.datetime(2026, 12, 8, 12, tzinfo=datetime.UTC)):
        with translation.override("nl"):
            page = client.get(demand.get_absolute_url()).content.decode()
    assert "Verlopen" in page
    assert "(al 1\xa0jaar over tijd)" in page  # timesince keeps number and unit together
