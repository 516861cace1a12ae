"""The Atom feeds and the iCalendar feed parse, and say what changed and what is due."""

import feedparser
import icalendar
import pytest
from django.urls import reverse

from ledger import services
from tracker.models import Demand, Meeting
from tracker.public import public_entries

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


def test_unknown_theme_feed_is_not_found(client, world):
    assert client.get(reverse("tracker:theme_feed", args=["nope"])).status_code == 404


def test_calendar_has_each_deadline_and_meeting(client, world):
    response = client.get(reverse("tracker:calendar"))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
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
