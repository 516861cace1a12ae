import datetime
import zoneinfo

import pytest

from tracker.models import Reminder

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


def local(year, month, day, hour=9, minute=0) -> datetime.datetime:
    """An aware datetime on Amsterdam's wall clock."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


def planned(**filters) -> set[tuple]:
    """The planned reminders as (kind, recipient e-mail, subject, period) tuples."""
    rows = Reminder.objects.filter(**filters).select_related(
        "recipient", "meeting", "demand", "statement"
    )
    return {
        (
            row.kind,
            row.recipient.email,
            (row.meeting and row.meeting.slug)
            or (row.demand and row.demand.reference)
            or (row.statement and row.statement.reference)
            or "coalition",
            row.period,
        )
        for row in rows
    }


@pytest.fixture(autouse=True)
def _reminder_settings(settings):
    settings.SITE_URL = "https://tracker.example.org"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.REMINDER_DAYS_BEFORE_DEADLINE = 7
    settings.REMINDER_SUMMARY_WEEKDAY = 0
    settings.REMINDER_RETRY_SECONDS = 60
    settings.REMINDER_RETRY_MAX_SECONDS = 1800
    settings.REMINDER_LEASE_SECONDS = 300
