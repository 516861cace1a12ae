"""Dates and figures as precise as their sources: a meeting without a time is a day, one
without a date is "date to be set"; a time in words is no date; a target and a figure keep
their qualifier; a projection or a plan is never a measurement."""

import datetime
import json
from decimal import Decimal

import icalendar
import pytest
from django.urls import reverse
from django.utils import translation

from public_site import progress
from tests.factories import DemandFactory
from tests.public_site.reader import download, read, row, section, text
from tracker import wording
from tracker.models import Demand, Meeting, local_today

pytestmark = pytest.mark.django_db


def test_a_meeting_without_a_time_shows_its_day_and_no_time(client, world):
    meeting = world["all_day_meeting"]
    page = read(client, meeting.get_absolute_url())
    assert "00:00" not in page
    assert f'<time datetime="{meeting.date.isoformat()}">' in page
    assert "(geen tijd genoemd)" in page
    assert "(no time given)" in read(client, meeting.get_absolute_url(), "en")
    listed = read(client, reverse("tracker:meeting_list"))
    (item,) = [item for item in listed.split("<li>") if meeting.get_absolute_url() in item]
    assert f'<time datetime="{meeting.date.isoformat()}">' in item and "00:00" not in item


def test_the_calendar_has_a_meeting_without_a_time_as_a_whole_day(client, world):
    calendar = icalendar.Calendar.from_ical(client.get(reverse("tracker:calendar")).content)
    meeting = world["all_day_meeting"]
    (event,) = [e for e in calendar.walk("VEVENT") if f"meeting-{meeting.slug}@" in e["UID"]]
    assert event.decoded("DTSTART") == meeting.date
    assert event.decoded("DTEND") == meeting.date + datetime.timedelta(days=1)
    assert "DTSTART;VALUE=DATE:" in client.get(reverse("tracker:calendar")).content.decode()


def test_a_meeting_without_a_date_is_listed_apart_and_never_as_a_dated_event(client, world):
    undated = world["undated_meeting"]
    listed = text(section(read(client, reverse("tracker:meeting_list")), "undated-heading"))
    assert "Datum nog niet bekend" in listed and undated.title_nl in listed
    page = read(client, undated.get_absolute_url())
    heading = page[page.index("<h1>") : page.index("</p>", page.index("<h1>"))]
    assert "datum nog niet bekend" in heading and "<time" not in heading
    assert "date to be set" in read(client, undated.get_absolute_url(), "en")
    calendar = client.get(reverse("tracker:calendar")).content.decode()
    assert undated.slug not in calendar
    on_agenda = section(read(client, world["demands"][0].get_absolute_url()), "meetings-heading")
    assert f"{undated.title_nl}</a>, datum nog niet bekend" in on_agenda


def test_the_next_meeting_is_never_one_without_a_date(client, world):
    world["upcoming_meeting"].delete()
    assert (
        client.get(reverse("tracker:overview")).context["next_meeting"] == world["all_day_meeting"]
    )
    world["all_day_meeting"].delete()
    assert Meeting.objects.published().filter(date__isnull=True).exists()
    assert progress.next_meeting(local_today()) is None
    assert "Geen overleg gepland." in read(client, reverse("tracker:overview"))


def test_a_time_in_words_is_quoted_never_made_a_date(client, world):
    in_words = Demand.objects.get(reference="WKA-2025-03")
    assert in_words.deadline is None and not in_words.is_overdue()
    content = read(client, in_words.get_absolute_url())
    start = content.index('<dl class="facts">')
    facts = text(content[start : content.index("</dl>", start)])
    assert "Deadline “nog voor de zomer” — geen datum genoemd" in facts
    english = read(client, in_words.get_absolute_url(), "en")
    assert "“nog voor de zomer” — no date given" in text(english)
    listed = text(row(read(client, reverse("tracker:demand_list")), "WKA-2025-03"))
    assert "“nog voor de zomer” — geen datum genoemd" in listed
    assert "Verlopen" not in listed
    data = json.loads(download(client, reverse("tracker:demands_json") + "?q=eis+3"))["demands"]
    (exported,) = [item for item in data if item["reference"] == "WKA-2025-03"]
    assert (exported["deadline"], exported["deadline_text"]) == (None, "nog voor de zomer")


def test_a_target_keeps_its_qualifier_and_names_its_unit_once(client, world):
    target = Demand.objects.get(reference="WKA-2025-04")
    dutch = text(read(client, target.get_absolute_url()))
    assert "Doel ongeveer 600 kinderen verplaatst" in dutch
    assert "kinderen kinderen" not in dutch
    assert "Target about 600 children moved" in text(read(client, target.get_absolute_url(), "en"))
    data = json.loads(download(client, reverse("tracker:demands_json") + "?q=eis+4"))["demands"]
    (exported,) = [item for item in data if item["reference"] == "WKA-2025-04"]
    assert (exported["target_qualifier"], exported["target_value"]) == ("circa", "600.00")


def test_a_target_without_a_description_reads_number_and_unit(world):
    years = DemandFactory(
        target_qualifier="at_least", target_value=23, target_unit="jaar", source=world["letter"]
    )
    exact = DemandFactory(target_value=55, target_unit="amv", source=world["letter"])
    with translation.override("nl"):
        assert wording.target(years) == "ten minste 23 jaar"
        assert wording.target(exact) == "55 amv"


def test_a_number_is_written_with_the_decimals_it_has():
    with translation.override("nl"):
        assert wording.qualified_number(Decimal("4.10"), "exact") == "4,1"
        assert wording.qualified_number(Decimal("7519.00"), "exact") == "7.519"
        assert wording.qualified_number(Decimal("600"), "circa") == "ongeveer 600"
    with translation.override("en"):
        assert wording.qualified_number(Decimal("0.60"), "at_least") == "at least 0.6"


def test_figures_carry_their_nature_and_qualifier(client, world):
    content = read(client, world["indicator"].get_absolute_url())
    measured = text(content[content.index("<tbody>") : content.index("</tbody>")])
    assert "1 juni 2025 ongeveer 6.400 kinderen Schatting" in measured
    assert "1 september 2025 7.519 kinderen Geteld" in measured
    assert "1 juni 2026 ongeveer 9.000 kinderen Prognose" in measured
    english = text(read(client, world["indicator"].get_absolute_url(), "en"))
    assert "about 6,400 children Estimate" in english
    assert "about 9,000 children Projection" in english
    budget = text(read(client, world["budget"].get_absolute_url()))
    assert "2030 3.100 miljoen euro Plan of begroting" in budget


def test_charts_draw_projections_and_plans_dashed_and_labelled(client, world):
    content = read(client, world["indicator"].get_absolute_url())
    chart = content[content.index("<svg") : content.index("</svg>")]
    assert chart.count('class="line projected"') == 1 and 'stroke-dasharray="6 4"' in chart
    assert chart.count('class="dot projected"') == 1
    assert ">Prognose</text>" in chart
    assert "prognose of plan: geen meting" in content
    # The chart's description reads the projection as one, apart from the measured figures.
    assert (
        "van 6.400 op 1 juni 2025 naar 7.519 op 1 september 2025; prognose: 9.000 (1 juni 2026)"
        in chart
    )


def test_the_overview_never_headlines_a_projection_or_a_plan(client, world, settings):
    response = client.get(reverse("tracker:overview"))
    assert response.context["indicator"] == world["indicator"]
    assert response.context["latest"].value == 7519
    assert response.context["chart"].last.value == 7519
    key = text(section(response.content.decode(), "indicator-heading"))
    assert "7.519 kinderen (1 september 2025)" in key
    assert "9.000" not in key
    # A figure with only plans is never the key figure, even when settings name it.
    settings.KEY_INDICATOR = world["budget"].slug
    assert progress.key_indicator(local_today()) == world["indicator"]


def test_the_figures_page_headlines_the_latest_measurement_only(client, world):
    content = read(client, reverse("tracker:indicator_list"))
    cards = {
        slug: text(card)
        for card in content.split('<li class="card">')[1:]
        for slug in ("kinderen-in-noodopvang", "coa-begroting")
        if f"/indicators/{slug}/" in card
    }
    assert cards["kinderen-in-noodopvang"].startswith(
        "Kinderen in (crisis)noodopvang 7.519 kinderen (1 september 2025)"
    )
    assert "Nog geen meting: alleen wat verwacht of gepland wordt." in cards["coa-begroting"]
