"""The domain's words for readers: a number as exactly as its source gives it, a date as
precisely, a target in one phrase, a meeting's moment, a statement's nature.

Kept apart from the models (which say what things are) so that every floor that writes for
people, the public site, the reminders' mails and the staff's briefing, words them alike.
Templates reach these through the ``wording`` template library.
"""

import datetime
import decimal

from django.template.defaultfilters import floatformat
from django.utils import formats, translation
from django.utils.translation import gettext as _

from .models import DatePrecision, Measurement, Meeting, Qualifier, Statement, TrackedItem


def qualified_number(value, qualifier: str) -> str:
    """``value`` in the active language's notation, with its qualifier as its source states it:
    "ongeveer 600", "ten minste 23"; an exact number stands alone."""
    # As many decimals as the value has, no trailing zeros: 4.1 billion is not 4.10.
    places = max(0, -decimal.Decimal(value).normalize().as_tuple().exponent)
    number = floatformat(value, f"{places}g")
    if qualifier in (None, "", Qualifier.EXACT):
        return number
    return f"{Qualifier(qualifier).label} {number}"


def date_as_precise_as(day: datetime.date | None, precision: str) -> str:
    """``day`` written no more precisely than its source gives it."""
    if day is None:
        return ""
    if precision == DatePrecision.YEAR:
        return str(day.year)
    if precision == DatePrecision.MONTH:
        return formats.date_format(day, "YEAR_MONTH_FORMAT")
    return formats.date_format(day, "DATE_FORMAT")


def target(item: TrackedItem) -> str:
    """The target as one phrase, as precisely as the source states it: "ongeveer 600
    kinderen verplaatst", "ten minste 23 jaar".

    The unit is written once: a description that already begins with it ("kinderen
    verplaatst") is not preceded by it again. The unit has no English field, so an English
    description is taken to name what it counts itself.
    """
    description = item.target_description.strip()
    if item.target_value is None:
        return description
    words = [qualified_number(item.target_value, item.target_qualifier)]
    unit = item.target_unit.strip()
    language = (translation.get_language() or "nl")[:2]
    own = getattr(item, f"target_description_{language}", "") if language != "nl" else ""
    in_own_words = bool(own.strip())
    repeats = description.casefold().startswith(unit.casefold())
    if unit and not in_own_words and not repeats:
        words.append(unit)
    if description:
        words.append(description)
    return " ".join(words)


def nature(statement: Statement) -> str:
    """Its kind as a reader needs it: a withdrawn promise is not a promise any more."""
    if statement.is_withdrawn_promise:
        return _("Withdrawn promise")
    return statement.get_kind_display()


def made_on(statement: Statement) -> str:
    return date_as_precise_as(statement.made_on, statement.made_on_precision)


def measured_on(measurement: Measurement) -> str:
    return date_as_precise_as(measurement.date, measurement.date_precision)


def measured(measurement: Measurement) -> str:
    """The value with its qualifier: "ongeveer 450", not 450."""
    return qualified_number(measurement.value, measurement.qualifier)


def _moment(meeting: Meeting, day_format: str, moment_format: str) -> str:
    if meeting.date is None:
        return _("date to be set")
    if meeting.time is None:
        return formats.date_format(meeting.date, day_format)
    return formats.date_format(datetime.datetime.combine(meeting.date, meeting.time), moment_format)


def when(meeting: Meeting) -> str:
    """Its date and time as precisely as known: "date to be set", a day, or a moment."""
    return _moment(meeting, "DATE_FORMAT", "DATETIME_FORMAT")


def when_in_full(meeting: Meeting) -> str:
    """As ``when``, with the day of the week: for e-mails and the printed briefing."""
    return _moment(meeting, "l j F Y", "l j F Y, H:i")


def when_iso(meeting: Meeting) -> str:
    """For ``<time datetime>``: a date, or a date and time with its offset."""
    if meeting.date is None:
        return ""
    if meeting.time is None:
        return meeting.date.isoformat()
    return meeting.starts_at.isoformat()
