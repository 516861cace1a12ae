"""Nothing lost by a click: the admin refuses to delete what something still uses."""

import datetime

import pytest
from django.contrib.admin import helpers
from django.urls import reverse

from tests.factories import (
    ActorFactory,
    DemandFactory,
    MeetingFactory,
    SourceFactory,
    StatementFactory,
    ThemeFactory,
    coordinator,
)
from tracker.models import Actor, Indicator, Measurement, Meeting, Source, Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    client.force_login(coordinator())
    return client


def delete(client, record):
    opts = record._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[record.pk])
    return client.post(url, {"post": "yes"})


def indicator_with_measurements(count: int) -> Indicator:
    indicator = Indicator.objects.create(slug="kinderen-noodopvang", name_nl="Kinderen in NO")
    for month in range(1, count + 1):
        Measurement.objects.create(
            indicator=indicator, date=datetime.date(2025, month, 1), value=7000
        )
    return indicator


def test_a_theme_with_demands_is_not_deleted_and_the_page_names_them(staff):
    theme = ThemeFactory()
    demand = DemandFactory(reference="WKA-2025-01", themes=[theme])
    response = delete(staff, theme)
    assert Theme.objects.filter(pk=theme.pk).exists()
    assert demand.themes.filter(pk=theme.pk).exists()
    assert response.status_code == 200
    assert "WKA-2025-01" in response.content.decode()
    assert reverse("admin:tracker_demand_change", args=[demand.pk]) in response.content.decode()


def test_an_indicator_with_measurements_is_not_deleted_nor_are_they(staff):
    indicator = indicator_with_measurements(3)
    delete(staff, indicator)
    assert Indicator.objects.filter(pk=indicator.pk).exists()
    assert Measurement.objects.filter(indicator=indicator).count() == 3


def test_an_actor_addressed_by_a_demand_or_making_a_commitment_is_not_deleted(staff):
    addressed, committing = ActorFactory(), ActorFactory()
    DemandFactory(addressees=[addressed])
    StatementFactory(actor=committing)
    for actor in (addressed, committing):
        delete(staff, actor)
    assert Actor.objects.filter(pk__in=[addressed.pk, committing.pk]).count() == 2


def test_a_source_named_by_a_meeting_is_not_deleted(staff):
    source = SourceFactory()
    meeting = MeetingFactory(source=source)
    delete(staff, source)
    assert Source.objects.filter(pk=source.pk).exists()
    meeting.refresh_from_db()
    assert meeting.source == source


def test_a_meeting_with_an_agenda_is_not_deleted(staff):
    meeting = MeetingFactory()
    meeting.demands.add(DemandFactory())
    delete(staff, meeting)
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_the_bulk_action_refuses_too_and_a_long_list_is_summed_up(staff):
    theme = ThemeFactory()
    for _ in range(12):
        DemandFactory(themes=[theme])
    response = staff.post(
        reverse("admin:tracker_theme_changelist"),
        {"action": "delete_selected", helpers.ACTION_CHECKBOX_NAME: [theme.pk], "post": "yes"},
    )
    assert Theme.objects.filter(pk=theme.pk).exists()
    assert len(response.context["protected"]) == 10 + 1  # ten named, then "… and 2 more"


def test_what_nothing_uses_is_deleted(staff):
    theme, indicator = ThemeFactory(), indicator_with_measurements(0)
    delete(staff, theme)
    delete(staff, indicator)
    assert not Theme.objects.filter(pk=theme.pk).exists()
    assert not Indicator.objects.filter(pk=indicator.pk).exists()
