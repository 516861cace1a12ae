"""The iCalendar feed: deadlines of published demands and the follow-up meetings."""

import datetime

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Demand, Meeting

MEETING_LENGTH = datetime.timedelta(hours=2)


def build_calendar(site_url: str) -> icalendar.Calendar:
    """One all-day event per published demand's deadline, one event per meeting."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Werkgroep Kind in azc//accountability ledger//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Kind in azc: deadlines and meetings"))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    host = site_url.split("://", 1)[-1].split("/", 1)[0]
    for demand in Demand.objects.published().filter(deadline__isnull=False):
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
    for meeting in Meeting.objects.published().dated():
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


def calendar_feed(request):
    site_url = request.build_absolute_uri("/").rstrip("/")
    response = HttpResponse(build_calendar(site_url).to_ical(), content_type="text/calendar")
    response["Content-Disposition"] = 'inline; filename="kind-in-azc.ics"'
    return response
