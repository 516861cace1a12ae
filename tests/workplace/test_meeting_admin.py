"""A meeting that waits long for its date is flagged in the workplace."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import MeetingFactory, SourceFactory, coordinator

pytestmark = pytest.mark.django_db


def undated_meeting(named_on: datetime.date, **kwargs):
    return MeetingFactory(
        date=None, time=None, source=SourceFactory(date=named_on), title_nl="Vervolg", **kwargs
    )


def test_a_meeting_named_fifteen_months_ago_without_a_date_is_flagged_in_the_list(client):
    today = timezone.localdate()
    undated_meeting(today - datetime.timedelta(days=457))
    client.force_login(coordinator())

    page = client.get(reverse("admin:tracker_meeting_changelist")).content.decode()

    assert "<strong>Al 1\xa0jaar, 3\xa0maanden zonder datum</strong>" in page


def test_a_meeting_named_last_week_is_only_to_be_dated(client):
    undated_meeting(timezone.localdate() - datetime.timedelta(days=7))
    client.force_login(coordinator())

    page = client.get(reverse("admin:tracker_meeting_changelist")).content.decode()

    assert "datum nog niet bekend" in page
    assert "zonder datum" not in page


def test_the_page_of_a_meeting_long_without_a_date_says_so(client):
    meeting = undated_meeting(timezone.localdate() - datetime.timedelta(weeks=20))
    client.force_login(coordinator())

    page = client.get(reverse("admin:tracker_meeting_change", args=[meeting.pk]))

    assert "vraag om de datum" in page.content.decode()


def test_a_meeting_without_a_source_waits_since_it_last_changed():
    meeting = MeetingFactory(date=None, time=None)
    today = timezone.localdate()

    assert meeting.undated_since() == today
    assert not meeting.is_undated_for_long(today)
    assert meeting.is_undated_for_long(today + datetime.timedelta(weeks=9))
