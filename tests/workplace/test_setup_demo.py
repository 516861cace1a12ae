import pytest
from django.core.management import CommandError, call_command

from accounts.models import Role, User
from tests.factories import DemandFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisations():
    return {
        slug: OrganisationFactory(slug=slug)
        for slug in ("defence-for-children", "werkgroep-kind-in-azc")
    }


def test_demo_users_get_a_role_and_their_organisations_demands(settings, organisations):
    settings.DEMO_MODE = True
    demand = DemandFactory(organisation=organisations["defence-for-children"])

    call_command("setup_demo")
    call_command("setup_demo")  # twice changes nothing

    editor = User.objects.get(email="editor@example.org")
    assert editor.has_role(Role.EDITOR)
    assert editor.check_password("demo-ledger-2025")
    assert User.objects.get(email="coordinator@example.org").has_role(Role.COORDINATOR)
    demand.refresh_from_db()
    assert demand.owner == editor
    assert User.objects.count() == 2


def test_demo_users_are_refused_outside_the_embedded_set_up(settings, organisations):
    settings.DEMO_MODE = False

    with pytest.raises(CommandError, match="DEMO_MODE"):
        call_command("setup_demo")
    assert not User.objects.exists()
