"""A coordinator gives and takes the roles of their own organisation's staff in the admin,
never more than they hold; a superuser changes the rest. Every change is in the admin log."""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.urls import reverse

from accounts.models import Role, User
from accounts.permissions import role_description
from tests.factories import OrganisationFactory, UserFactory, coordinator, editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    return OrganisationFactory(slug="war-child", name="War Child")


@pytest.fixture
def chair(client, organisation):
    user = coordinator(organisation=organisation, name="Fatima Coördinator")
    client.force_login(user)
    return user


def change_url(user):
    return reverse("admin:accounts_user_change", args=[user.pk])


# The user page's list of reminders sent to them, as the browser posts it.
REMINDERS = {
    "reminders-TOTAL_FORMS": "0",
    "reminders-INITIAL_FORMS": "0",
    "reminders-MIN_NUM_FORMS": "0",
    "reminders-MAX_NUM_FORMS": "0",
}


def give(client, member, *roles):
    return client.post(change_url(member), {"roles": [role.value for role in roles], **REMINDERS})


def test_a_coordinator_gives_a_colleague_the_editor_role_and_the_admin_log_says_so(
    client, chair, organisation
):
    colleague = UserFactory(organisation=organisation, email="nieuw@example.org")

    page = client.get(change_url(colleague)).content.decode()
    assert 'name="roles"' in page
    assert "Alleen een superuser" not in page
    response = give(client, colleague, Role.EDITOR)

    assert response.status_code == 302
    assert colleague.has_role(Role.EDITOR)
    entry = LogEntry.objects.get(object_id=str(colleague.pk))
    assert (entry.user, entry.action_flag) == (chair, CHANGE)
    assert entry.get_change_message() == "Rol gegeven: Redacteur."


def test_a_coordinator_takes_a_role_back_and_gives_the_coordinator_role(
    client, chair, organisation
):
    colleague = editor(organisation=organisation)

    assert give(client, colleague, Role.COORDINATOR).status_code == 302
    assert colleague.has_role(Role.COORDINATOR) and not colleague.has_role(Role.EDITOR)
    assert give(client, colleague).status_code == 302
    assert not colleague.groups.exists()
    messages = LogEntry.objects.filter(object_id=str(colleague.pk)).order_by("pk")
    assert [entry.get_change_message() for entry in messages] == [
        "Rol gegeven: Coördinator. Rol afgenomen: Redacteur.",
        "Rol afgenomen: Coördinator.",
    ]


def test_a_coordinator_changes_nothing_but_roles(client, chair, organisation):
    colleague = UserFactory(organisation=organisation, email="nieuw@example.org")

    client.post(
        change_url(colleague),
        {
            "roles": [Role.EDITOR.value],
            "is_superuser": "on",
            "email": "overgenomen@example.org",
            "organisation": OrganisationFactory().pk,
            **REMINDERS,
        },
    )

    colleague.refresh_from_db()
    assert colleague.has_role(Role.EDITOR)
    assert not colleague.is_superuser
    assert colleague.email == "nieuw@example.org"
    assert colleague.organisation == organisation
    password_page = reverse("admin:auth_user_password_change", args=[colleague.pk])
    assert client.get(password_page).status_code == 403


def test_a_coordinator_gives_no_role_to_staff_of_another_organisation(client, chair):
    stranger = UserFactory(organisation=OrganisationFactory(name="Save the Children"))

    page = client.get(change_url(stranger)).content.decode()
    response = give(client, stranger, Role.EDITOR)

    assert 'name="roles"' not in page
    assert "is niet van War Child" in page
    assert response.status_code == 403
    assert not stranger.groups.exists()
    assert not LogEntry.objects.exists()


def test_no_role_above_what_the_giver_holds(client, organisation):
    colleague = UserFactory(organisation=organisation)
    client.force_login(editor(organisation=organisation))

    # An editor gives no role at all, not even their own.
    assert give(client, colleague, Role.EDITOR).status_code == 403
    assert not colleague.groups.exists()

    client.force_login(coordinator(organisation=organisation))
    response = client.post(change_url(colleague), {"roles": ["superuser"], **REMINDERS})

    assert response.status_code == 200
    assert "roles" in response.context["adminform"].form.errors
    assert not colleague.groups.exists()
    assert not LogEntry.objects.exists()


def test_a_coordinator_does_not_change_their_own_roles_or_a_superusers(client, chair):
    root = User.objects.create_superuser("root@example.org", "secret-pass-123")
    root.organisation = chair.organisation
    root.save()

    assert give(client, chair).status_code == 403
    assert chair.has_role(Role.COORDINATOR)
    assert give(client, root, Role.EDITOR).status_code == 403


def test_a_superuser_changes_every_user_as_before(client, organisation):
    stranger = UserFactory(organisation=OrganisationFactory())
    client.force_login(User.objects.create_superuser("root@example.org", "secret-pass-123"))

    page = client.get(change_url(stranger)).content.decode()

    assert 'name="groups"' in page and 'name="is_superuser"' in page


def test_staff_without_a_role_are_told_which_coordinators_to_ask(organisation):
    coordinator(organisation=organisation, name="Fatima Coördinator", email="fatima@example.org")
    coordinator(organisation=OrganisationFactory(), name="Elders Iemand")
    newcomer = UserFactory(organisation=organisation)

    message = role_description(newcomer)

    assert "Fatima Coördinator" in message and "War Child" in message
    # Staff e-mail addresses are for those who may look up staff: the coordinators.
    assert "fatima@example.org" not in message
    assert "Elders Iemand" not in message


def test_staff_without_a_role_and_no_coordinator_are_sent_to_a_superuser(organisation):
    message = role_description(UserFactory(organisation=organisation))

    assert "superuser" in message
