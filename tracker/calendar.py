"""The iCalendar feeds: deadlines of published demands and the follow-up meetings, all of
them or one theme's.

Bounded, so that a calendar app polling it costs the same however long the tracker's
history grows: the most recent events of the last ``PAST_DAYS`` days and the soonest of
those to come, at most ``RECENT`` and ``UPCOMING`` of each kind. Older and later deadlines
and meetings stay on the site's pages, and each theme has a calendar of its own.
"""

import datetime

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Demand, Meeting, Theme, local_today

MEETING_LENGTH = datetime.timedelta(hours=2)
PAST_DAYS = 90
RECENT = 50
UPCOMING = 200


def build_calendar(site_url: str, theme: Theme | None = None) -> icalendar.Calendar:
    """One all-day event per published demand's deadline, one event per meeting; of one
    theme's demands and the meetings with them on the agenda when ``theme`` is given."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Werkgroep Kind in azc//accountability ledger//NL")
    calendar.add("version", "2.0")
    name = _("Kind in azc: deadlines and meetings")
    calendar.add("x-wr-calname", f"{name} – {theme.name}" if theme else name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    host = site_url.split("://", 1)[-1].split("/", 1)[0]
    today = local_today()
    since = today - datetime.timedelta(days=PAST_DAYS)
    demands = Demand.objects.published().only(
        "reference", "title_nl", "title_en", "summary_nl", "summary_en", "deadline"
    )
    meetings = Meeting.objects.published().dated()
    if theme is not None:
        demands = demands.filter(themes=theme)
        meetings = meetings.filter(demands__themes=theme).distinct()
    deadlines = [
        *demands.filter(deadline__gte=since, deadline__lt=today).order_by("-deadline", "-pk")[
            :RECENT
        ],
        *demands.filter(deadline__gte=today).order_by("deadline", "pk")[:UPCOMING],
    ]
    meetings = [
        *meetings.filter(date__gte=since, date__lt=today).order_by("-date")[:RECENT],
        *meetings.filter(date__gte=today).order_by("date")[:UPCOMING],
    ]
    for demand in deadlines:
        event = icalendar.Event()
        event.add("uid", f"deadline-{demand.reference}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", demand.deadline)
        event.add("dtend", demand.deadline + datetime.timedelta(days=1))
        event.add(
            "summary",
            _("Deadline %(reference)s: %(title)s")
            % {"reference": demand.reference, "title": demand.title},
        )
        event.add("description", demand.summary)
        event.add("url", site_url + demand.get_absolute_url())
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    # A meeting without a date is never an event; one without a time is an all-day event.
    for meeting in meetings:
        event = icalendar.Event()
        event.add("uid", f"meeting-{meeting.slug}@{host}")
        event.add("dtstamp", stamp)
        if meeting.time is None:
            event.add("dtstart", meeting.date)
            event.add("dtend", meeting.date + datetime.timedelta(days=1))
        else:
            event.add("dtstart", meeting.starts_at)
            event.add("dtend", meeting.starts_at + MEETING_LENGTH)
        event.add("summary", meeting.title)
        if meeting.place:
            event.add("location", meeting.place)
        event.add("description", meeting.description)
        event.add("url", site_url + meeting.get_absolute_url())
        calendar.add_component(event)
    return calendar


def calendar_feed(request, theme=None):
    theme = get_object_or_404(Theme, slug=theme) if theme else None
    site_url = request.build_absolute_uri("/").rstrip("/")
    calendar = build_calendar(site_url, theme)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar")
    name = f"kind-in-azc-{theme.slug}.ics" if theme else "kind-in-azc.ics"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
