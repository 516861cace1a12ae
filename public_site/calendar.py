"""The iCalendar feeds: deadlines of published demands and the follow-up meetings, all of
them or one theme's.

Bounded, so that a calendar app polling it costs the same however long the tracker's
history grows: of each kind, the soonest ``UPCOMING`` to come, and the most recent ``RECENT``
of the last ``PAST_DAYS`` days, or the last ``AT_LEAST_PAST`` whatever their age, so that the
feed is not empty a year after the last meeting. Older and later deadlines and meetings stay
on the site's pages, and each theme has a calendar of its own. The site's time zone is always
described (``VTIMEZONE``, written by icalendar): a meeting's time refers to it, and it makes
even a calendar with no event valid RFC 5545, which wants at least one component.

Written as content lines here, with icalendar's own TEXT escaping (``vText``, RFC 5545 §3.3.11)
and folding at 75 octets (``Contentline``, §3.1), not its ``Calendar`` objects: at the
bench (313 events, 3,074 lines) building the calendar with ``add`` took about 60 ms of CPU a
response, five times the page's budget, the content lines take ~2 ms. Only the lines longer
than a fold are given to ``Contentline``, which counts character by character. The tests read
every feed with icalendar and check that it writes the same octets back.
"""

import datetime

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from icalendar import Timezone, vText
from icalendar.parser import Contentline

from tracker.models import Demand, Meeting, Theme, in_language, local_today

from . import addresses

MEETING_LENGTH = datetime.timedelta(hours=2)
PAST_DAYS = 366
AT_LEAST_PAST = 10
RECENT = 50
UPCOMING = 200

PRODID = "-//Werkgroep Kind in azc//accountability ledger//NL"
# A folded line's octets before its CRLF, as icalendar counts them: a continuation line has
# the space before them, 75 in all.
FOLD_AT = 74
DAY = datetime.timedelta(days=1)


def escape(value: str) -> str:
    """A TEXT value, as icalendar escapes it (a line break, CRLF, LF or a lone CR, as ``\\n``)."""
    return vText(value).to_ical().decode()


def fold(line: str) -> bytes:
    """One content line in UTF-8, folded as icalendar folds it: lines of at most ``FOLD_AT``
    octets, each after the first beginning with a space, never inside a character nor right
    after a backslash or caret."""
    if len(line) * 4 <= FOLD_AT or len(line.encode()) <= FOLD_AT:
        return line.encode()
    return Contentline(line).to_ical()


def ical_date(day: datetime.date) -> str:
    return day.strftime("%Y%m%d")


def calendar_lines(site_url: str, theme: Theme | None = None) -> list[str]:
    """The calendar's content lines, unfolded: one all-day event per published demand's
    deadline, one event per meeting; of one theme's demands and the meetings with them on
    the agenda when ``theme`` is given.

    Properties in the order icalendar wrote them: its usual ones first, the rest by name.
    """
    name = _("Kind in azc: deadlines and meetings")
    stamp = timezone.now().astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    host = site_url.split("://", 1)[-1].split("/", 1)[0]
    today = local_today()
    since = today - datetime.timedelta(days=PAST_DAYS)
    # Rows, not models: building 250 demands took a sixth of the time.
    demands = Demand.objects.published().values_list(
        "reference", "title_nl", "title_en", "summary_nl", "summary_en", "deadline", named=True
    )
    meetings = Meeting.objects.published().dated()
    if theme is not None:
        demands = demands.filter(themes=theme)
        meetings = meetings.filter(demands__themes=theme).distinct()
    deadlines = [
        *_recent(
            demands.filter(deadline__lt=today).order_by("-deadline", "-pk"), "deadline", since
        ),
        *demands.filter(deadline__gte=today).order_by("deadline", "pk")[:UPCOMING],
    ]
    meetings = [
        *_recent(meetings.filter(date__lt=today).order_by("-date", "-pk"), "date", since),
        *meetings.filter(date__gte=today).order_by("date", "pk")[:UPCOMING],
    ]
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{escape(PRODID)}",
        f"X-WR-CALNAME:{escape(f'{name} – {theme.name}' if theme else name)}",
        f"X-WR-TIMEZONE:{escape(settings.TIME_ZONE)}",
    ]
    deadline_of = _("Deadline %(reference)s: %(title)s")
    language = get_language()
    demand_url = addresses.of_pages("tracker:demand_detail", site_url)
    for demand in deadlines:
        title = in_language(demand, "title", language)
        summary = deadline_of % {"reference": demand.reference, "title": title}
        lines += [
            "BEGIN:VEVENT",
            f"SUMMARY:{escape(summary)}",
            f"DTSTART;VALUE=DATE:{ical_date(demand.deadline)}",
            f"DTEND;VALUE=DATE:{ical_date(demand.deadline + DAY)}",
            f"DTSTAMP:{stamp}",
            f"UID:{escape(f'deadline-{demand.reference}@{host}')}",
            f"DESCRIPTION:{escape(in_language(demand, 'summary', language))}",
            "TRANSP:TRANSPARENT",
            f"URL:{demand_url(demand.reference)}",
            "END:VEVENT",
        ]
    # A meeting without a date is never an event; one without a time is an all-day event,
    # one with a time lasts MEETING_LENGTH in Amsterdam's (the site's) time.
    zone = escape(settings.TIME_ZONE)
    meeting_url = addresses.of_pages("tracker:meeting_detail", site_url)
    for meeting in meetings:
        if meeting.time is None:
            start = f"DTSTART;VALUE=DATE:{ical_date(meeting.date)}"
            end = f"DTEND;VALUE=DATE:{ical_date(meeting.date + DAY)}"
        else:
            starts_at = meeting.starts_at
            start = f"DTSTART;TZID={zone}:{starts_at:%Y%m%dT%H%M%S}"
            end = f"DTEND;TZID={zone}:{starts_at + MEETING_LENGTH:%Y%m%dT%H%M%S}"
        lines += [
            "BEGIN:VEVENT",
            f"SUMMARY:{escape(meeting.title)}",
            start,
            end,
            f"DTSTAMP:{stamp}",
            f"UID:{escape(f'meeting-{meeting.slug}@{host}')}",
            f"DESCRIPTION:{escape(meeting.description)}",
        ]
        if meeting.place:
            lines.append(f"LOCATION:{escape(meeting.place)}")
        lines += [f"URL:{meeting_url(meeting.slug)}", "END:VEVENT"]
    lines += _time_zone([meeting.date for meeting in meetings if meeting.time] or [today])
    lines.append("END:VCALENDAR")
    return lines


def _recent(past, field: str, since: datetime.date) -> list:
    """The newest of ``past`` (newest first): those since ``since``, at least ``AT_LEAST_PAST``."""
    rows = list(past[:RECENT])
    return [row for n, row in enumerate(rows) if n < AT_LEAST_PAST or getattr(row, field) >= since]


def _time_zone(days: list[datetime.date]) -> list[str]:
    """The site's ``VTIMEZONE``, its changes over the years of ``days``, as content lines."""
    zone = Timezone.from_tzid(
        settings.TIME_ZONE,
        first_date=min(days) - datetime.timedelta(days=366),
        last_date=max(days) + datetime.timedelta(days=366),
    )
    return [line for line in zone.to_ical().decode().replace("\r\n ", "").split("\r\n") if line]


def calendar_feed(request, theme=None):
    theme = get_object_or_404(Theme, slug=theme) if theme else None
    site_url = request.build_absolute_uri("/").rstrip("/")
    lines = calendar_lines(site_url, theme)
    content = b"".join(fold(line) + b"\r\n" for line in lines)
    response = HttpResponse(content, content_type="text/calendar")
    name = f"kind-in-azc-{theme.slug}.ics" if theme else "kind-in-azc.ics"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
