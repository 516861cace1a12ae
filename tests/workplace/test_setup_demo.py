import pytest
from django.core.management import CommandError, call_command

from accounts.models import Role, User
from tests.factories import DemandFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisations():
    return {
        slug: OrganisationFactory(slug=slug)
        for slug in ("defence-for-children", "save-the-children", "werkgroep-kind-in-azc")
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
    assert User.objects.count() == 4


def test_setup_demo_prints_a_login_for_each_kind_of_staff_and_how_to_make_a_superuser(
    settings, organisations, capsys
):
    settings.DEMO_MODE = True

    call_command("setup_demo")

    printed = capsys.readouterr().out
    other = User.objects.get(email="other.editor@example.org")
    assert other.has_role(Role.EDITOR) and other.organisation.slug == "save-the-children"
    newcomer = User.objects.get(email="norole@example.org")
    assert newcomer.is_staff and not newcomer.groups.exists()
    assert newcomer.organisation == User.objects.get(email="coordinator@example.org").organisation
    for email in (
        "editor@example.org",
        "other.editor@example.org",
        "coordinator@example.org",
        "norole@example.org",
    ):
        assert email in printed
    assert "demo-ledger-2025" in printed
    assert "manage.py createsuperuser" in printed


def test_a_role_given_to_the_newcomer_survives_a_second_run(settings, organisations):
    settings.DEMO_MODE = True
    call_command("setup_demo")
    User.objects.get(email="norole@example.org").set_role(Role.EDITOR)

    call_command("setup_demo")

    assert User.objects.get(email="norole@example.org").has_role(Role.EDITOR)


def test_demo_users_are_refused_outside_the_embedded_set_up(settings, organisations):
    settings.DEMO_MODE = False

    with pytest.raises(CommandError, match="DEMO_MODE"):
        call_command("setup_demo")
    assert not User.objects.exists()
