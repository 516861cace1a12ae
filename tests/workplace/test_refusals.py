"""Refusals in the admin explain themselves, in the staff member's language."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from ledger.models import Entry
from tests.factories import DemandFactory
from tests.workplace.world import build_staff_world
from tracker.models import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_staff_world()


def change_url(item):
    opts = item._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])


def test_another_organisations_demand_says_whose_it_is_and_what_you_may_change(client, world):
    client.force_login(world["users"]["other_editor"])

    page = client.get(change_url(world["demand"])).content.decode()

    assert (
        "Deze eis is van Defence for Children; je kunt eisen van Save the Children wijzigen."
        in page
    )
    assert 'name="_save"' not in page


def test_own_demand_has_no_read_only_note(client, world):
    client.force_login(world["users"]["owning_editor"])

    page = client.get(change_url(world["demand"])).content.decode()

    assert "read-only-reason" not in page
    assert 'name="_save"' in page


def test_an_editor_reading_a_meeting_learns_who_manages_meetings(client, world):
    client.force_login(world["users"]["owning_editor"])

    page = client.get(change_url(world["meeting"])).content.decode()

    assert "Je kunt overleggen lezen; alleen de rol coördinator wijzigt ze." in page


def test_a_ledger_entry_says_the_ledger_is_never_rewritten(client, world):
    client.force_login(world["users"]["coordinator"])

    page = client.get(change_url(world["entry"])).content.decode()

    assert "Het register wordt nooit herschreven" in page


def test_only_the_items_editors_may_correct_a_ledger_entry(client, world):
    url = reverse("admin:ledger_entry_correct", args=[world["entry"].pk])
    client.force_login(world["users"]["other_editor"])

    response = client.get(url)

    assert response.status_code == 403
    page = response.content.decode()
    assert "Kind in azc-register" in page
    assert "hij hoort niet bij een item van jouw organisatie" in page
    client.force_login(world["users"]["owning_editor"])
    assert client.get(url).status_code == 200


def test_an_items_first_entry_is_refused_for_what_it_is_not_for_whose_it_is(client, world):
    created = Entry.objects.get(demand=world["demand"], kind=Entry.Kind.CREATED)
    client.force_login(world["users"]["owning_editor"])

    response = client.get(reverse("admin:ledger_entry_correct", args=[created.pk]))

    assert response.status_code == 403
    page = response.content.decode()
    assert "eerste regel" in page
    assert "jouw organisatie" not in page


def test_a_forged_post_is_refused_in_the_admins_layout_and_language(client, world):
    client.force_login(world["users"]["other_editor"])

    response = client.post(change_url(world["demand"]), {"title_nl": "Gekaapt"})

    assert response.status_code == 403
    page = response.content.decode()
    assert "Kind in azc-register" in page  # the admin's header, not a bare "403 Forbidden"
    assert 'lang="nl"' in page
    assert "Er is niets gewijzigd." in page
    assert "Je rol: redacteur." in page
    world["demand"].refresh_from_db()
    assert world["demand"].title_nl != "Gekaapt"


def test_a_staff_member_without_a_role_is_told_to_ask_for_one(client, world):
    client.force_login(world["users"]["no_role"])

    response = client.get(reverse("admin:tracker_demand_changelist"))

    assert response.status_code == 403
    assert "Je account heeft nog geen rol" in response.content.decode()


def test_the_start_page_lists_no_demands_for_a_staff_member_without_a_role(client, world):
    client.force_login(world["users"]["no_role"])

    page = client.get(reverse("admin:index")).content.decode()

    assert world["demand"].reference not in page
    assert "Je account heeft nog geen rol" in page  # why the page is empty, and whom to ask
    client.force_login(world["users"]["owning_editor"])
    page = client.get(reverse("admin:index")).content.decode()
    assert world["demand"].reference in page and "geen rol" not in page


def test_an_unknown_admin_page_is_a_404_in_the_admins_layout(client, world):
    client.force_login(world["users"]["coordinator"])

    response = client.get("/admin/tracker/bestaat-niet/")

    assert response.status_code == 404
    assert "Kind in azc-register" in response.content.decode()


def post_bulk_status(client, items, **data):
    return client.post(
        reverse("admin:tracker_demand_changelist") + "?organisation=all",
        {"action": "change_status", "_selected_action": [item.pk for item in items], **data},
    )


def test_bulk_status_with_nothing_yours_offers_no_form_and_reports_no_success(client, world):
    client.force_login(world["users"]["other_editor"])
    entries = Entry.objects.count()

    response = post_bulk_status(client, [world["demand"]])

    assert response.status_code == 302  # back to the list: no form to fill in for nothing
    shown = [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]
    assert shown == [
        (
            "error",
            "Geen van de geselecteerde items mag je wijzigen: WKA-2025-02. Er is niets gewijzigd.",
        )
    ]
    assert Entry.objects.count() == entries


def test_bulk_status_that_changes_nothing_is_not_reported_in_green(client, world):
    client.force_login(world["users"]["owning_editor"])

    response = post_bulk_status(
        client,
        [world["demand"]],
        apply="1",
        to_status=Status.IN_PROGRESS,  # already its status
        public_note="Nog steeds bezig.",
    )

    levels = [m.level_tag for m in get_messages(response.wsgi_request)]
    assert "success" not in levels
    assert "warning" in levels


def test_the_bulk_status_form_lists_only_what_you_may_change(client, world):
    mine = world["demand"]
    theirs = DemandFactory(
        reference="STC-2025-01",
        title_nl="Van Save the Children",
        source=mine.source,
        organisation=world["other"],
    )
    client.force_login(world["users"]["owning_editor"])

    page = post_bulk_status(client, [mine, theirs]).content.decode()

    assert 'name="public_note"' in page
    assert "STC-2025-01" in page  # named as left unchanged


def test_staff_who_chose_english_work_in_english(client, world):
    user = world["users"]["other_editor"]
    user.language = "en"
    user.save()
    client.force_login(user)

    page = client.get(change_url(world["demand"])).content.decode()

    assert 'lang="en"' in page
    assert (
        "This demand belongs to Defence for Children; "
        "you can change the demands of Save the Children." in page
    )


def test_before_signing_in_staff_read_the_login_in_their_browsers_language(client, world):
    page = client.get(reverse("admin:login"), HTTP_ACCEPT_LANGUAGE="en")
    assert 'lang="en"' in page.content.decode()
    assert "Accept-Language" in page["Vary"]

    client.force_login(world["users"]["owning_editor"])  # who chose Dutch in their profile
    page = client.get(reverse("accounts:two_factor"), HTTP_ACCEPT_LANGUAGE="en")
    assert 'lang="nl"' in page.content.decode()  # the profile wins, on every staff page


def test_the_public_site_keeps_its_own_language_for_staff(client, world):
    user = world["users"]["coordinator"]
    user.language = "en"
    user.save()
    client.force_login(user)

    assert 'lang="nl"' in client.get(reverse("tracker:overview")).content.decode()
    assert 'lang="en"' in client.get("/en/").content.decode()  # by the URL alone


def test_the_profile_page_is_the_admins_not_django_administration(client, world):
    client.force_login(world["users"]["owning_editor"])

    page = client.get(reverse("accounts:profile")).content.decode()

    assert "Kind in azc-register" in page
    assert "Django" not in page
    assert "De taal van het beheer en van de e-mails die je ontvangt." in page


def test_an_editor_picks_an_owner_among_their_colleagues_without_searching_all_staff(client, world):
    client.force_login(world["users"]["owning_editor"])

    form = client.get(change_url(world["demand"])).context["adminform"].form

    owners = set(form.fields["owner"].queryset)
    assert owners == {world["users"]["owning_editor"], world["users"]["no_role"]}
    assert type(form.fields["owner"].widget.widget).__name__ == "Select"  # not a staff search
