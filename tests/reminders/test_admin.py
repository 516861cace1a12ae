"""The admin shows what was sent, when and what failed; staff change their own settings."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from reminders.planning import plan_reminders
from reminders.sending import send_due_reminders
from tests.factories import DemandFactory, UserFactory, coordinator, editor
from tracker.models import Demand, Reminder

from .conftest import local

pytestmark = pytest.mark.django_db

NOW = local(2025, 10, 10, 8)


@pytest.fixture
def reminders(settings):
    """One sent deadline reminder and one that failed, for the same owner."""
    owner = UserFactory(email="owner@example.org", language="en")
    sent = DemandFactory(owner=owner, deadline=datetime.date(2025, 10, 10))
    failed = DemandFactory(owner=owner, deadline=datetime.date(2025, 10, 17))
    with time_machine.travel(NOW, tick=False):
        plan_reminders()
    send_due_reminders(NOW)
    Reminder.objects.filter(demand=failed).update(
        state=Reminder.State.RETRYING, sent_at=None, last_error="SMTPDataError: 451 later"
    )
    return owner, sent, failed


def test_demand_page_shows_its_reminders(reminders, admin_client_for):
    owner, sent, failed = reminders
    # Staff who chose English in their profile, so that the assertions read like the page.
    client = admin_client_for(editor(organisation=sent.organisation, language="en"))

    page = client.get(reverse("admin:tracker_demand_change", args=[sent.pk])).content.decode()

    assert "Reminders sent" in page
    assert f"Deadline today: {sent.reference}" in page
    assert "Sent" in page


def test_user_page_shows_what_was_sent_and_what_failed(reminders, admin_client_for):
    owner, sent, failed = reminders
    client = admin_client_for(coordinator())

    page = client.get(reverse("admin:accounts_user_change", args=[owner.pk])).content.decode()

    assert f"Deadline today: {sent.reference}" in page
    assert "SMTPDataError: 451 later" in page


def test_reminder_list_filters_by_state(reminders, admin_client_for):
    client = admin_client_for(editor())

    response = client.get(reverse("admin:tracker_reminder_changelist"), {"state": "retrying"})

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == list(
        Reminder.objects.filter(state=Reminder.State.RETRYING)
    )


def test_reminders_cannot_be_changed_in_the_admin(reminders, admin_client_for):
    client = admin_client_for(coordinator())
    reminder = Reminder.objects.first()

    response = client.post(
        reverse("admin:tracker_reminder_change", args=[reminder.pk]), {"state": "pending"}
    )

    assert response.status_code == 403


def test_profile_needs_a_login(client):
    response = client.get(reverse("accounts:profile"))

    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_staff_turn_deadline_reminders_off_and_change_language(admin_client_for):
    user = editor(language="nl", deadline_reminders=True)
    client = admin_client_for(user)

    response = client.post(reverse("accounts:profile"), {"name": user.name, "language": "en"})

    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.language, user.deadline_reminders) == ("en", False)


def test_profile_lists_own_reminders(reminders, admin_client_for):
    owner, sent, failed = reminders
    owner.is_staff = True
    owner.save()

    page = admin_client_for(owner).get(reverse("accounts:profile")).content.decode()

    assert f"Deadline today: {sent.reference}" in page
    assert "451 later" in page


def test_a_sent_reminders_text_is_read_in_the_admin_as_it_was_sent(reminders, admin_client_for):
    owner, sent, failed = reminders
    reminder = Reminder.objects.get(demand=sent)
    with translation.override("en"):
        title_then = sent.title
    # What changes after sending does not change what was sent.
    Demand.objects.filter(pk=sent.pk).update(
        title_en="A title given after the e-mail went out", title_nl="Later gegeven titel"
    )
    client = admin_client_for(editor(language="en"))

    page = client.get(reverse("admin:tracker_reminder_change", args=[reminder.pk])).content.decode()

    assert reminder.body.startswith("Dear ")
    assert sent.reference in reminder.body
    assert "Text sent" in page
    assert "Dear " in page and title_then in page
    assert "A title given after the e-mail went out" not in reminder.body


def test_an_unsent_reminder_has_no_text_yet(reminders):
    owner, sent, failed = reminders

    assert Reminder.objects.get(demand=failed).state == Reminder.State.RETRYING
    assert Reminder.objects.get(demand=sent).body
