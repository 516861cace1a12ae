import pytest
from django.core.management import call_command

from accounts.models import Role
from accounts.permissions import can_edit, editable
from tests.factories import DemandFactory, OrganisationFactory, UserFactory, coordinator, editor
from tracker.models import Demand

pytestmark = pytest.mark.django_db


def test_migrate_creates_both_roles_with_their_permissions():
    editor_user, coordinator_user = editor(), coordinator()

    assert editor_user.has_perm("tracker.change_demand")
    assert not editor_user.has_perm("tracker.change_meeting")
    assert not editor_user.has_perm("tracker.edit_all_organisations")
    assert coordinator_user.has_perm("tracker.change_meeting")
    assert coordinator_user.has_perm("tracker.add_source")
    assert coordinator_user.has_perm("tracker.edit_all_organisations")
    for user in (editor_user, coordinator_user):
        assert not user.has_perm("tracker.change_statuschange")
        assert not user.has_perm("tracker.delete_statuschange")


def test_roles_survive_a_second_migrate():
    call_command("migrate", verbosity=0)
    assert editor().has_role(Role.EDITOR)


def test_editor_edits_only_own_organisations_demands():
    own, other = DemandFactory(), DemandFactory()
    user = editor(organisation=own.organisation)

    assert can_edit(user, own)
    assert not can_edit(user, other)
    assert list(editable(user, Demand.objects.all())) == [own]


def test_coordinator_edits_every_demand():
    demands = DemandFactory.create_batch(2)
    user = coordinator(organisation=OrganisationFactory())

    assert all(can_edit(user, d) for d in demands)
    assert editable(user, Demand.objects.all()).count() == 2


def test_staff_without_a_role_or_inactive_edits_nothing():
    demand = DemandFactory()
    no_role = UserFactory(organisation=demand.organisation)
    inactive = editor(organisation=demand.organisation, is_active=False)

    assert not can_edit(no_role, demand)
    assert not can_edit(inactive, demand)
    assert not editable(inactive, Demand.objects.all()).exists()
