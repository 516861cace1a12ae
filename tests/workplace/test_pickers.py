"""The demand pickers of the meeting and government statement forms (issue 11: they failed with
``Cannot resolve keyword 'overdue'``)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import DemandFactory, MeetingFactory, StatementFactory, coordinator

pytestmark = pytest.mark.django_db


def test_coordinator_opens_a_meeting_with_its_agenda_overdue_demands_first(client):
    today = timezone.localdate()
    later = DemandFactory(deadline=today + datetime.timedelta(days=30))
    overdue = DemandFactory(deadline=today - datetime.timedelta(days=3))
    meeting = MeetingFactory()
    meeting.demands.set([later, overdue])
    client.force_login(coordinator())

    add = client.get(reverse("admin:tracker_meeting_add"))
    change = client.get(reverse("admin:tracker_meeting_change", args=[meeting.pk]))

    assert add.status_code == 200
    assert change.status_code == 200
    agenda = list(change.context["adminform"].form.fields["demands"].queryset)
    assert agenda.index(overdue) < agenda.index(later)


def test_coordinator_opens_a_statement_that_answers_demands(client):
    statement = StatementFactory(answers=DemandFactory.create_batch(2))
    client.force_login(coordinator())

    add = client.get(reverse("admin:tracker_statement_add"))
    response = client.get(reverse("admin:tracker_statement_change", args=[statement.pk]))

    assert add.status_code == 200
    assert response.status_code == 200
    assert set(response.context["adminform"].form.initial["answers"]) == set(
        statement.answers.all()
    )


def test_a_mistyped_organisation_filter_shows_the_list(client):
    DemandFactory(title_nl="Zichtbaar")
    client.force_login(coordinator())

    response = client.get(reverse("admin:tracker_demand_changelist") + "?organisation=abc")

    assert response.status_code == 200
    assert "Zichtbaar" in response.content.decode()
