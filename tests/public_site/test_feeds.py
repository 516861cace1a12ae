"""The Atom feeds and the iCalendar feed parse, and say what changed and what is due."""

import datetime

import feedparser
import icalendar
import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from ledger import services
from public_site.feeds import FEED_LENGTH
from public_site.visible import public_entries
from tracker.models import Demand, Meeting

pytestmark = pytest.mark.django_db


def test_atom_feed_of_all_entries_validates(client, world):
    response = client.get(reverse("tracker:feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert len(feed.entries) == public_entries().count()
    newest = public_entries().first()
    assert feed.entries[0].title.startswith(newest.subject.reference)
    assert feed.entries[0].link == f"http://testserver{newest.subject.get_absolute_url()}" + (
        f"#entry-{newest.seq}"
    )
    assert newest.public_note in feed.entries[0].summary


def test_theme_feed_has_only_that_themes_demands(client, world):
    response = client.get(reverse("tracker:theme_feed", args=["onderwijs"]))
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    in_theme = set(
        Demand.objects.filter(themes__slug="onderwijs").values_list("reference", flat=True)
    )
    assert feed.entries
    assert {entry.title.split(":")[0] for entry in feed.entries} <= in_theme
    assert "Onderwijs" in feed.feed.title


def test_theme_feed_has_the_newest_entries_of_that_themes_demands_and_nothing_else(
    client, world, settings
):
    in_theme = set(Demand.objects.filter(themes__slug="onderwijs").values_list("pk", flat=True))
    assert 0 < len(in_theme) < Demand.objects.count()
    expected = [
        f"{settings.SITE_URL}/ledger/{entry.entry_hash}"
        for entry in public_entries()
        if entry.demand_id in in_theme
    ][:FEED_LENGTH]
    feed = feedparser.parse(client.get(reverse("tracker:theme_feed", args=["onderwijs"])).content)
    assert [entry.id for entry in feed.entries] == expected


def test_unknown_theme_feed_is_not_found(client, world):
    assert client.get(reverse("tracker:theme_feed", args=["nope"])).status_code == 404


READING_DAY = datetime.datetime(2025, 11, 20, 10, tzinfo=datetime.UTC)


def calendar_events(client, url):
    with time_machine.travel(READING_DAY):
        response = client.get(url)
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content).walk("VEVENT")


def test_calendar_has_each_deadline_and_meeting(client, world):
    events = calendar_events(client, reverse("tracker:calendar"))
    with_deadline = Demand.objects.filter(deadline__isnull=False).count()
    # A meeting without a date is never an event.
    assert len(events) == with_deadline + Meeting.objects.dated().count()
    assert Meeting.objects.dated().count() < Meeting.objects.count()
    for event in events:
        assert event["UID"] and event["DTSTAMP"] and event["DTSTART"] and event["SUMMARY"]
    uids = {str(event["UID"]) for event in events}
    assert len(uids) == len(events)
    meeting = world["upcoming_meeting"]
    (event,) = [e for e in events if str(e["UID"]).startswith(f"meeting-{meeting.slug}@")]
    assert event.decoded("DTSTART") == meeting.starts_at.replace(microsecond=0)
    assert str(event["URL"]).endswith(meeting.get_absolute_url())


def test_a_theme_filtered_list_links_the_themes_feed(client, world):
    content = client.get(reverse("tracker:demand_list") + "?theme=onderwijs").content.decode()
    assert reverse("tracker:theme_feed", args=["onderwijs"]) in content


def test_the_calendar_keeps_the_last_year_or_the_last_ten_and_everything_to_come(client, world):
    today = READING_DAY.date()
    old = world["demands"][0]
    Demand.objects.filter(pk=old.pk).update(deadline=today - datetime.timedelta(days=400))
    others = Demand.objects.published().exclude(pk=old.pk)

    def deadline_uids():
        events = calendar_events(client, reverse("tracker:calendar"))
        return {str(e["UID"]).split("@")[0] for e in events if str(e["UID"]).startswith("dead")}

    # Ten newer deadlines within the year: the one of 400 days ago is left out.
    newer = list(others[:10])
    assert len(newer) == 10
    for n, demand in enumerate(newer):
        Demand.objects.filter(pk=demand.pk).update(deadline=today - datetime.timedelta(days=n + 1))
    uids = deadline_uids()
    assert f"deadline-{old.reference}" not in uids
    assert {f"deadline-{demand.reference}" for demand in newer} <= uids

    # A year later nothing is that recent: the last ten stay, whatever their age.
    Demand.objects.exclude(pk=old.pk).update(deadline=None)
    assert deadline_uids() == {f"deadline-{old.reference}"}


def test_a_calendar_with_nothing_to_show_is_still_valid(client, world):
    Demand.objects.update(is_published=False)
    Meeting.objects.update(is_published=False)
    with time_machine.travel(READING_DAY):
        response = client.get(reverse("tracker:calendar"))
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar.walk("VEVENT") == []
    # RFC 5545 wants at least one component: the site's time zone, which any event uses.
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]


def test_a_meetings_time_refers_to_the_time_zone_the_calendar_describes(client, world):
    calendar = icalendar.Calendar.from_ical(client.get(reverse("tracker:calendar")).content)
    zones = {str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")}
    used = {
        event["DTSTART"].params["TZID"]
        for event in calendar.walk("VEVENT")
        if "TZID" in event["DTSTART"].params
    }
    assert used and used <= zones


def test_a_themes_calendar_has_that_themes_deadlines_only(client, world):
    events = calendar_events(client, reverse("tracker:theme_calendar", args=["onderwijs"]))
    in_theme = set(
        Demand.objects.filter(themes__slug="onderwijs", deadline__isnull=False).values_list(
            "reference", flat=True
        )
    )
    deadlines = {
        str(event["UID"]).split("@")[0].removeprefix("deadline-")
        for event in events
        if str(event["UID"]).startswith("deadline-")
    }
    assert deadlines == in_theme
    assert client.get(reverse("tracker:theme_calendar", args=["nope"])).status_code == 404


def test_markup_in_a_public_note_reaches_feed_readers_as_text(client, world):
    note = '<img src=x onerror="alert(1)"><b>bold</b> & more'
    demand = world["demands"][0]
    to_status = "withdrawn" if demand.status != "withdrawn" else "open"
    services.record_status_change(demand, to_status, by=world["owner"], public_note=note)
    response = client.get(reverse("tracker:feed"))
    assert b'<summary type="text">' in response.content
    assert b'type="html"' not in response.content
    entry = feedparser.parse(response.content).entries[0]
    assert entry.summary_detail.type == "text/plain"
    assert entry.summary.endswith("\n\n" + note)  # after the day it happened


def test_the_calendar_is_what_icalendar_writes_and_reads_back_every_text(client, world):
    demand = world["demands"][1]  # With a deadline in the calendar's ninety days.
    title = "Kinderen uit de noodopvang, één voor één; " + "naar een passende plek " * 4
    summary = "Eerst de jongsten;\nDaarna, per gemeente, de rest – 😀 ‘zo snel mogelijk’ \\ nu."
    Demand.objects.filter(pk=demand.pk).update(title_nl=title, summary_nl=summary)
    meeting = world["upcoming_meeting"]
    Meeting.objects.filter(pk=meeting.pk).update(
        place="Stadhuis, Stadsplateau 1; Utrecht", description_nl="Agenda:\r\n1. Opening"
    )
    with time_machine.travel(READING_DAY):
        content = client.get(reverse("tracker:calendar")).content

    # icalendar writes the very same octets for what it read: the same escaping, property
    # order and folding.
    assert icalendar.Calendar.from_ical(content).to_ical() == content
    assert content.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in content.split(b"\r\n"))
    assert b"\n" not in content.replace(b"\r\n", b"")
    events = {
        str(event["UID"]).split("@")[0]: event
        for event in icalendar.Calendar.from_ical(content).walk("VEVENT")
    }
    deadline = events[f"deadline-{demand.reference}"]
    assert str(deadline["SUMMARY"]) == f"Deadline {demand.reference}: {title}"
    assert str(deadline["DESCRIPTION"]) == summary
    assert deadline.decoded("DTSTART") == demand.deadline
    assert str(deadline["URL"]) == f"http://testserver{demand.get_absolute_url()}"
    assert str(events[f"meeting-{meeting.slug}"]["LOCATION"]) == "Stadhuis, Stadsplateau 1; Utrecht"
    assert str(events[f"meeting-{meeting.slug}"]["DESCRIPTION"]) == "Agenda:\n1. Opening"


def test_the_english_calendar_has_the_english_titles(client, world):
    demand = world["demands"][1]
    with translation.override("en"):
        url = reverse("tracker:calendar")
    assert url.startswith("/en/")
    events = calendar_events(client, url)
    (deadline,) = [e for e in events if str(e["UID"]).startswith(f"deadline-{demand.reference}@")]
    assert str(deadline["SUMMARY"]) == f"Deadline {demand.reference}: {demand.title_en}"
    assert str(deadline["DESCRIPTION"]) == demand.summary_en
    assert str(deadline["URL"]) == f"http://testserver/en/demands/{demand.reference}/"


def test_an_atom_entry_is_published_on_the_day_it_happened_and_updated_when_recorded(client, world):
    demand = Demand.objects.filter(is_published=True).exclude(status="achieved").first()
    entry = services.record_status_change(
        demand,
        "achieved",
        by=None,
        public_note="De staatssecretaris schreef een Kamerbrief.",
        occurred_on=datetime.date(2025, 9, 18),
    )

    feed = feedparser.parse(client.get(reverse("tracker:feed")).content)

    item = next(item for item in feed.entries if item.id.endswith(entry.entry_hash))
    assert item.published.startswith("2025-09-18T00:00:00")
    assert item.updated_parsed[:3] == entry.recorded_at.utctimetuple()[:3]
    assert "18 september 2025" in item.summary
