import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ledger import services as ledger
from ledger.models import Entry
from tests.factories import (
    ActorFactory,
    DemandFactory,
    OrganisationFactory,
    UserFactory,
    coordinator,
    editor,
)
from tracker.models import Demand, Response, Status

pytestmark = pytest.mark.django_db


def change_url(demand):
    return reverse("admin:tracker_demand_change", args=[demand.pk])


def form_data(demand, **overrides):
    """What the admin's change form posts for ``demand``, with ``overrides``."""
    data = {
        "reference": demand.reference,
        "title_nl": demand.title_nl,
        "title_en": demand.title_en,
        "summary_nl": demand.summary_nl,
        "summary_en": demand.summary_en,
        "source": demand.source_id,
        "quote": demand.quote,
        "quote_location": demand.quote_location,
        "organisation": demand.organisation_id,
        "owner": demand.owner_id or "",
        "deadline": demand.deadline.isoformat() if demand.deadline else "",
        "deadline_text": demand.deadline_text,
        "priority": demand.priority,
        "target_qualifier": demand.target_qualifier,
        "target_value": "",
        "target_unit": "",
        "target_description_nl": "",
        "target_description_en": "",
        "is_published": "on",
        "opened_version": demand.version,
        "new_status": "",
        "new_response": "",
        "public_note": "",
        "internal_note": "",
        "evidence_url": "",
        "entries-TOTAL_FORMS": "0",
        "entries-INITIAL_FORMS": "0",
        "entries-MIN_NUM_FORMS": "0",
        "entries-MAX_NUM_FORMS": "1000",
        "reminders-TOTAL_FORMS": "0",
        "reminders-INITIAL_FORMS": "0",
        "reminders-MIN_NUM_FORMS": "0",
        "reminders-MAX_NUM_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_editor_changes_status_with_note_and_evidence_and_history_shows_it(client):
    demand = DemandFactory()
    client.force_login(editor(organisation=demand.organisation))

    response = client.post(
        change_url(demand),
        form_data(
            demand,
            new_status=Status.IN_PROGRESS,
            public_note="De minister zette een taskforce in.",
            internal_note="Navragen bij de woordvoerder.",
            evidence_url="https://www.tweedekamer.nl/kamerstukken/123",
        ),
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    demand.refresh_from_db()
    assert demand.status == Status.IN_PROGRESS
    entry = demand.entries.get(kind=Entry.Kind.STATUS)
    assert entry.changes == {"status": ["open", "in_progress"]}
    assert entry.evidence_url == "https://www.tweedekamer.nl/kamerstukken/123"
    history = client.get(change_url(demand)).content.decode()
    assert "De minister zette een taskforce in." in history
    assert "Navragen bij de woordvoerder." in history
    assert entry.entry_hash[:12] in history


def test_status_change_without_public_note_is_refused_and_nothing_is_written(client):
    demand = DemandFactory()
    client.force_login(editor(organisation=demand.organisation))

    response = client.post(change_url(demand), form_data(demand, new_status=Status.ACHIEVED))

    assert response.status_code == 200
    assert "public_note" in response.context["adminform"].form.errors
    demand.refresh_from_db()
    assert demand.status == Status.OPEN
    assert not demand.entries.exclude(kind=Entry.Kind.CREATED).exists()


def test_moving_the_deadline_in_the_form_writes_a_ledger_entry(client):
    demand = DemandFactory(deadline=datetime.date(2025, 10, 31))
    client.force_login(editor(organisation=demand.organisation))

    client.post(
        change_url(demand),
        form_data(demand, deadline="2026-01-31", public_note="Uitgesteld: nieuwe Kamerbrief."),
    )

    demand.refresh_from_db()
    assert demand.deadline == datetime.date(2026, 1, 31)
    entry = demand.entries.get(kind=Entry.Kind.DEADLINE)
    assert entry.changes == {"deadline": ["2025-10-31", "2026-01-31"]}
    assert entry.public_note == "Uitgesteld: nieuwe Kamerbrief."


def test_editor_sees_no_edit_controls_for_another_organisations_demand(client):
    demand = DemandFactory()
    client.force_login(editor(organisation=OrganisationFactory()))

    response = client.get(change_url(demand))

    assert response.status_code == 200  # may read it
    page = response.content.decode()
    assert 'name="_save"' not in page
    assert 'name="new_status"' not in page


def test_editor_crafted_post_to_another_organisations_demand_is_refused(client):
    demand = DemandFactory()
    client.force_login(editor(organisation=OrganisationFactory()))

    response = client.post(
        change_url(demand),
        form_data(
            demand,
            title_nl="Gekaapt",
            new_status=Status.WITHDRAWN,
            public_note="Ingetrokken.",
        ),
    )

    assert response.status_code == 403
    demand.refresh_from_db()
    assert demand.title_nl != "Gekaapt"
    assert demand.status == Status.OPEN
    assert demand.entries.count() == 1  # Only its entry into the ledger.


def test_editor_cannot_move_a_demand_to_another_organisation(client):
    demand = DemandFactory()
    other = OrganisationFactory()
    client.force_login(editor(organisation=demand.organisation))

    response = client.post(change_url(demand), form_data(demand, organisation=other.pk))

    assert response.status_code == 200
    assert "organisation" in response.context["adminform"].form.errors
    demand.refresh_from_db()
    assert demand.organisation_id != other.pk


def test_editor_cannot_give_a_demand_to_staff_of_another_organisation(client):
    demand = DemandFactory()
    stranger = UserFactory(organisation=OrganisationFactory())
    client.force_login(editor(organisation=demand.organisation))

    response = client.post(
        change_url(demand), form_data(demand, owner=stranger.pk, public_note="Overgedragen.")
    )

    assert response.status_code == 200
    assert "owner" in response.context["adminform"].form.errors
    demand.refresh_from_db()
    assert demand.owner_id != stranger.pk


def test_coordinator_edits_every_organisations_demand(client):
    demand = DemandFactory()
    client.force_login(coordinator(organisation=OrganisationFactory()))

    response = client.post(
        change_url(demand),
        form_data(demand, new_status=Status.IN_PROGRESS, public_note="Begonnen."),
    )

    assert response.status_code == 302
    demand.refresh_from_db()
    assert demand.status == Status.IN_PROGRESS


def test_bulk_action_writes_one_entry_per_demand_and_skips_others(client):
    organisation = OrganisationFactory()
    mine = DemandFactory.create_batch(3, organisation=organisation)
    theirs = DemandFactory()
    client.force_login(editor(organisation=organisation))

    response = client.post(
        reverse("admin:tracker_demand_changelist"),
        {
            "action": "change_status",
            "_selected_action": [d.pk for d in [*mine, theirs]],
            "apply": "1",
            "to_status": Status.IN_PROGRESS,
            "public_note": "Beantwoord in de Kamerbrief van 1 oktober.",
            "evidence_url": "https://www.rijksoverheid.nl/brief",
        },
    )

    assert response.status_code == 302
    assert Entry.objects.filter(kind=Entry.Kind.STATUS).count() == 3
    assert set(Demand.objects.filter(status=Status.IN_PROGRESS)) == set(mine)
    theirs.refresh_from_db()
    assert theirs.status == Status.OPEN


def test_bulk_action_first_asks_for_the_note(client):
    demand = DemandFactory()
    client.force_login(editor(organisation=demand.organisation))

    response = client.post(
        reverse("admin:tracker_demand_changelist"),
        {
            "action": "change_status",
            "_selected_action": [demand.pk],
        },
    )

    assert response.status_code == 200
    assert 'name="public_note"' in response.content.decode()
    assert not Entry.objects.filter(kind=Entry.Kind.STATUS).exists()


def test_ledger_has_no_add_change_or_delete_in_the_admin(client):
    entry = ledger.record_status_change(
        DemandFactory(), Status.NOT_ACHIEVED, by=None, public_note="Afgewezen."
    )
    client.force_login(coordinator())
    entry_change = reverse("admin:ledger_entry_change", args=[entry.pk])

    assert client.get(reverse("admin:ledger_entry_add")).status_code == 403
    assert client.post(entry_change, {"public_note": "Herschreven."}).status_code == 403
    delete = reverse("admin:ledger_entry_delete", args=[entry.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Entry.objects.get(pk=entry.pk).public_note == "Afgewezen."


def test_superuser_cannot_rewrite_the_ledger_either(client, admin_user):
    entry = ledger.record_status_change(
        DemandFactory(), Status.NOT_ACHIEVED, by=None, public_note="Afgewezen."
    )
    client.force_login(admin_user)
    delete = reverse("admin:ledger_entry_delete", args=[entry.pk])

    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert client.post(
        reverse("admin:ledger_entry_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [entry.pk],
            "post": "yes",
        },
    ).status_code in (200, 302)
    assert Entry.objects.filter(pk=entry.pk).exists()


def test_admin_index_lands_on_own_organisations_demands_overdue_first(client):
    organisation = OrganisationFactory()
    later = DemandFactory(organisation=organisation, deadline=datetime.date(2099, 1, 1))
    overdue = DemandFactory(organisation=organisation, deadline=datetime.date(2020, 1, 1))
    DemandFactory(title_nl="Van een ander")
    client.force_login(editor(organisation=organisation))

    page = client.get(reverse("admin:index")).content.decode()

    assert page.index(overdue.reference) < page.index(later.reference)
    assert "Van een ander" not in page


def test_demand_list_defaults_to_own_organisation(client):
    mine = DemandFactory(title_nl="Van ons")
    DemandFactory(title_nl="Van een ander")
    client.force_login(editor(organisation=mine.organisation))

    own = client.get(reverse("admin:tracker_demand_changelist")).content.decode()
    everyone = client.get(
        reverse("admin:tracker_demand_changelist") + "?organisation=all"
    ).content.decode()

    assert "Van ons" in own and "Van een ander" not in own
    assert "Van ons" in everyone and "Van een ander" in everyone


def _count_changelist_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("admin:tracker_demand_changelist") + "?organisation=all")
    assert response.status_code == 200
    return len(queries)


def test_demand_list_runs_a_fixed_number_of_queries(client):
    user = coordinator()
    client.force_login(user)
    actors = ActorFactory.create_batch(3)
    DemandFactory.create_batch(3, addressees=actors, owner=user)
    few = _count_changelist_queries(client)

    for demand in DemandFactory.create_batch(40, addressees=actors, owner=user):
        ledger.record_status_change(demand, Status.IN_PROGRESS, by=user, public_note="Bezig.")
    many = _count_changelist_queries(client)

    assert few == many


def test_admin_links_to_the_users_own_profile(client):
    client.force_login(editor())

    page = client.get(reverse("admin:index")).content.decode()

    assert reverse("accounts:profile") in page


def test_a_save_from_an_out_of_date_page_is_refused_and_nothing_is_lost(client):
    demand = DemandFactory(title_nl="Oorspronkelijk")
    author = editor(organisation=demand.organisation, name="Anna Eerste")
    stale = form_data(demand)  # What the second editor's page holds.
    client.force_login(author)
    client.post(
        change_url(demand),
        form_data(demand, title_nl="Eerste wijziging", public_note="Titel verduidelijkt."),
    )
    client.force_login(editor(organisation=demand.organisation))

    response = client.post(
        change_url(demand),
        {
            **stale,
            "title_nl": "Tweede wijziging",
            "new_status": "in_progress",
            "public_note": "Begonnen.",
        },
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.non_field_errors()
    assert "Anna Eerste" in errors[0] and "reload" in errors[0].lower() or "herlaad" in errors[0]
    demand.refresh_from_db()
    assert (demand.title_nl, demand.status) == ("Eerste wijziging", Status.OPEN)


def test_changing_what_a_demand_says_is_recorded_with_the_old_words_and_the_reason(client):
    demand = DemandFactory(title_nl="Oude titel", quote="Oude tekst.")
    client.force_login(editor(organisation=demand.organisation))

    refused = client.post(change_url(demand), form_data(demand, title_nl="Nieuwe titel"))
    assert "public_note" in refused.context["adminform"].form.errors
    client.post(
        change_url(demand),
        form_data(demand, title_nl="Nieuwe titel", public_note="Tikfout in de titel."),
    )

    revision = demand.entries.get(kind=Entry.Kind.REVISED)
    assert revision.changes == {"title_nl": ["Oude titel", "Nieuwe titel"]}
    assert revision.public_note == "Tikfout in de titel."


def test_recording_the_addressees_response_leaves_the_status_alone(client):
    demand = DemandFactory()
    source = demand.source
    client.force_login(editor(organisation=demand.organisation))

    response = client.post(
        change_url(demand),
        form_data(
            demand,
            new_response=Response.REJECTED,
            response_date="2025-09-16",
            response_source=source.pk,
            response_quote="Het kabinet kiest er niet voor de opvang structureel te financieren.",
            public_note="Miljoenennota 2026.",
        ),
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    demand.refresh_from_db()
    assert (demand.response, demand.status) == (Response.REJECTED, Status.OPEN)
    assert demand.responded_on == datetime.date(2025, 9, 16)
    entry = demand.entries.get(kind=Entry.Kind.RESPONSE)
    assert entry.source == source and entry.occurred_on == datetime.date(2025, 9, 16)
    assert entry.quote.startswith("Het kabinet kiest er niet")


def test_a_status_change_dated_after_today_is_refused_on_its_field_and_nothing_is_written(client):
    demand = DemandFactory()
    client.force_login(editor(organisation=demand.organisation))
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    response = client.post(
        change_url(demand),
        form_data(
            demand,
            new_status=Status.ACHIEVED,
            public_note="Bereikt.",
            occurred_on=tomorrow.isoformat(),
        ),
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["occurred_on"]
    assert "ligt na vandaag" in errors["occurred_on"][0]
    demand.refresh_from_db()
    assert (demand.status, demand.version) == (Status.OPEN, 1)
    assert not demand.entries.exclude(kind=Entry.Kind.CREATED).exists()


def test_a_response_dated_after_today_is_refused_on_its_date_and_nothing_is_written(client):
    demand = DemandFactory()
    client.force_login(editor(organisation=demand.organisation))
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    response = client.post(
        change_url(demand),
        form_data(
            demand,
            new_response=Response.ACCEPTED,
            response_date=tomorrow.isoformat(),
            response_source=demand.source_id,
            response_quote="Het kabinet neemt dit over.",
        ),
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["response_date"]
    demand.refresh_from_db()
    assert demand.response != Response.ACCEPTED
    assert not demand.entries.exclude(kind=Entry.Kind.CREATED).exists()
