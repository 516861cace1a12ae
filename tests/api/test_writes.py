"""Staff write through the ledger: every change is an entry, bad input is 400 with a message
per field and writes nothing, a stale edit is 412 and overwrites nothing."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from ledger.models import Entry
from tracker.models import Demand, Measurement, Status

pytestmark = pytest.mark.django_db

DEMAND = "/api/v1/demands/WKA-2025-01/"
ENTRIES = DEMAND + "entries/"


@pytest.fixture
def editor(clients):
    return clients["editor_own"]


def snapshot():
    """Everything a failed write must leave as it was."""
    return (
        list(Entry.objects.values_list("seq", "entry_hash")),
        list(Demand.objects.values_list("reference", "version", "status", "deadline", "title_en")),
    )


def test_a_status_change_is_one_ledger_entry_with_its_reason(editor, people, world):
    response = editor.post(
        ENTRIES,
        {
            "kind": "status",
            "status": "in_progress",
            "public_note": "Het kabinet werkt aan een plan.",
            "internal_note": "Nagebeld met de griffie.",
            "evidence_url": "https://www.tweedekamer.nl/kamerstukken/brief",
            "occurred_on": "2025-09-23",
        },
        format="json",
    )
    assert response.status_code == 201, response.data
    entry = Entry.objects.get(seq=response.data["seq"])
    assert entry.kind == "status" and entry.author == people["editor_own"]
    assert entry.changes == {"status": ["open", "in_progress"]}
    assert entry.internal_note == "Nagebeld met de griffie."
    assert entry.occurred_on == datetime.date(2025, 9, 23)
    # What comes back is the public record: never the internal note or the author.
    assert response.data["preimage"]["public_note"] == "Het kabinet werkt aan een plan."
    assert "Nagebeld" not in response.content.decode()
    assert response["Location"].endswith(f"/api/v1/ledger/entries/{entry.seq}/")
    assert editor.get(DEMAND).data["status"] == "in_progress"


def test_a_deadline_is_moved_and_paused_by_entries(editor, world):
    moved = editor.post(
        ENTRIES,
        {
            "kind": "deadline",
            "deadline": "2026-03-31",
            "deadline_text": "voor het einde van het eerste kwartaal",
            "public_note": "Uitstel aangekondigd in het debat.",
        },
        format="json",
    )
    assert moved.status_code == 201, moved.data
    assert moved.data["preimage"]["changes"]["deadline"][1] == "2026-03-31"
    paused = editor.post(
        ENTRIES,
        {"kind": "deadline", "deadline": None, "public_note": "Gepauzeerd tot na de verkiezingen."},
        format="json",
    )
    assert paused.status_code == 201, paused.data
    demand = editor.get(DEMAND).data
    assert demand["deadline"] is None and demand["overdue"] is False


def test_a_response_is_recorded_apart_from_the_status(editor, world):
    response = editor.post(
        ENTRIES,
        {
            "kind": "response",
            "response": "rejected",
            "responded_on": "2025-10-02",
            "source": world["sources"][1].slug,
            "quote": "Het kabinet neemt dit niet over.",
        },
        format="json",
    )
    assert response.status_code == 201, response.data
    answered = APIClient().get("/api/v1/responses/?demand=WKA-2025-01").data["results"]
    assert answered[-1]["response"] == "rejected"
    assert answered[-1]["responded_on"] == "2025-10-02"
    assert answered[-1]["source"] == world["sources"][1].slug
    assert editor.get(DEMAND).data["status"] == world["demands"][0].status


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "status", "status": "finished", "public_note": "x"}, "status"),
        ({"kind": "status", "status": "open", "public_note": "Nothing changed."}, "status"),
        ({"kind": "status", "status": "achieved", "public_note": "  "}, "public_note"),
        (
            {"kind": "status", "status": "achieved", "public_note": "x", "occurred_on": "soon"},
            "occurred_on",
        ),
        ({"kind": "deadline", "deadline": "31-10-2025", "public_note": "x"}, "deadline"),
        ({"kind": "deadline", "public_note": "x"}, "deadline"),
        ({"kind": "deadline", "deadline": "2026-01-01"}, "public_note"),
        (
            {
                "kind": "response",
                "response": "accepted",
                "responded_on": "2025-13-01",
                "quote": "Ja",
            },
            "responded_on",
        ),
        ({"kind": "response", "response": "accepted", "responded_on": "2025-10-01"}, "quote"),
        (
            {"kind": "response", "response": "maybe", "responded_on": "2025-10-01", "quote": "x"},
            "response",
        ),
        ({"kind": "status", "status": "achieved", "public_note": "x", "source": "nope"}, "source"),
        ({"kind": "withdraw", "public_note": "x"}, "kind"),
        ({"status": "achieved", "public_note": "x"}, "kind"),
        ({"kind": "status", "status": "achieved", "public_note": "x", "colour": "red"}, "colour"),
    ],
)
def test_a_bad_entry_is_refused_per_field_and_writes_nothing(editor, world, body, field):
    before = snapshot()
    response = editor.post(ENTRIES, body, format="json")
    assert response.status_code == 400
    assert field in response.data and response.data[field][0]
    assert snapshot() == before


def test_a_statement_has_no_response(clients, world):
    response = clients["editor_own"].post(
        f"/api/v1/statements/{world['commitment'].reference}/entries/",
        {"kind": "response", "response": "accepted", "responded_on": "2025-10-01", "quote": "x"},
        format="json",
    )
    assert response.status_code == 400 and "kind" in response.data


def test_a_new_demand_enters_the_ledger_with_its_relations(editor, world):
    response = editor.post(
        "/api/v1/demands/",
        {
            "reference": "WKA-2025-90",
            "title_nl": "Stel een taskforce in",
            "quote": "Wij vragen het kabinet een taskforce in te stellen.",
            "source": world["sources"][0].slug,
            "addressees": ["coa"],
            "themes": ["onderwijs", "amv"],
            "deadline": "2026-01-31",
            "target_qualifier": "at_least",
            "target_value": "23",
            "public_note": "Uit de brief van 18 september.",
        },
        format="json",
    )
    assert response.status_code == 201, response.data
    assert response["Location"].endswith("/api/v1/demands/WKA-2025-90/")
    demand = Demand.objects.get(reference="WKA-2025-90")
    assert demand.organisation == world["organisation"]  # the editor's own, when left out
    created = Entry.objects.get(demand=demand)
    assert created.kind == "created"
    assert created.changes["themes"] == [None, ["amv", "onderwijs"]]
    assert created.changes["target_value"] == [None, "23"]
    assert response.data["deadline"] == "2026-01-31" and response.data["status"] == "open"
    assert APIClient().get(response["Location"]).status_code == 200


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"reference": "WKA-2025-01"}, "reference"),  # taken
        ({"reference": "wka 1"}, "reference"),  # not a reference
        ({"themes": ["onderwijs", "no-such-theme"]}, "themes"),
        ({"source": "no-such-source"}, "source"),
        ({"deadline": "end of October"}, "deadline"),
        ({"status": "achieved"}, "status"),  # starts open; changed by an entry
        ({"title_nl": ""}, "title_nl"),
        ({"target_value": "many"}, "target_value"),
        ({"organisation": "no-such-organisation"}, "organisation"),
    ],
)
def test_a_bad_new_demand_is_refused_per_field_and_writes_nothing(editor, world, change, field):
    body = {
        "reference": "WKA-2025-91",
        "title_nl": "Eis",
        "quote": "Wij vragen.",
        "source": world["sources"][0].slug,
        **change,
    }
    before = snapshot()
    response = editor.post("/api/v1/demands/", body, format="json")
    assert response.status_code == 400
    assert field in response.data, response.data
    assert snapshot() == before


@pytest.mark.parametrize(
    "change",
    [
        {"source": "brief\x00"},  # a lookup: PostgreSQL refused it with an error, a 500
        {"themes": ["onderwijs\x00"]},
        {"title_nl": "Eis\x00"},
    ],
)
def test_text_with_a_nul_character_is_refused_and_writes_nothing(editor, world, change):
    body = {
        "reference": "WKA-2025-92",
        "title_nl": "Eis",
        "quote": "Wij vragen.",
        "source": world["sources"][0].slug,
        **change,
    }
    before = snapshot()
    response = editor.post("/api/v1/demands/", body, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "NUL" in response.data["detail"]
    assert snapshot() == before


def test_an_editor_enters_no_demand_for_another_organisation(clients, world):
    body = {
        "reference": "WKA-2025-92",
        "title_nl": "Eis",
        "quote": "Wij vragen.",
        "source": world["sources"][0].slug,
        "organisation": "save-the-children",
    }
    assert clients["editor_own"].post("/api/v1/demands/", body, format="json").status_code == 403
    assert clients["coordinator"].post("/api/v1/demands/", body, format="json").status_code == 201


def test_an_edit_needs_the_etag_it_was_made_from(editor, world):
    response = editor.patch(DEMAND, {"title_en": "x", "public_note": "y"}, format="json")
    assert response.status_code == 428


def test_an_edit_is_a_revision_entry_and_returns_the_next_etag(editor, world):
    etag = editor.get(DEMAND)["ETag"]
    response = editor.patch(
        DEMAND,
        {
            "title_en": "Children out of the worst shelters",
            "themes": ["amv"],
            "public_note": "Sharper title.",
        },
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert response.status_code == 200, response.data
    assert response.data["themes"] == ["amv"]
    revision = Entry.objects.filter(demand__reference="WKA-2025-01").latest("seq")
    assert revision.kind == "revised"
    assert revision.changes["title_en"][1] == "Children out of the worst shelters"
    assert response["ETag"] != etag
    again = editor.patch(
        DEMAND,
        {"title_nl": "Nieuw", "public_note": "Ook Nederlands."},
        format="json",
        HTTP_IF_MATCH=response["ETag"],
    )
    assert again.status_code == 200


def test_a_stale_edit_is_refused_and_overwrites_nothing(clients, world):
    editor, coordinator = clients["editor_own"], clients["coordinator"]
    etag = editor.get(DEMAND)["ETag"]
    first = coordinator.patch(
        DEMAND,
        {"title_en": "The coordinator's title", "public_note": "Fixed."},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert first.status_code == 200
    before = snapshot()
    stale = editor.patch(
        DEMAND,
        {"title_en": "The editor's title", "public_note": "Mine."},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert stale.status_code == 412
    assert snapshot() == before
    assert Demand.objects.get(reference="WKA-2025-01").title_en == "The coordinator's title"
    # The same holds for an entry sent with the stale ETag.
    entry = editor.post(
        ENTRIES,
        {"kind": "status", "status": "achieved", "public_note": "x"},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert entry.status_code == 412
    assert snapshot() == before


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"status": "achieved"}, "status"),
        ({"deadline": "2026-01-01"}, "deadline"),
        ({"response": "accepted"}, "response"),
        ({"reference": "WKA-2025-99"}, "reference"),
        ({"title_en": "Without a reason"}, "public_note"),
        ({"themes": ["nope"]}, "themes"),
    ],
)
def test_an_edit_cannot_bypass_the_ledger_or_its_reason(editor, world, change, field):
    etag = editor.get(DEMAND)["ETag"]
    before = snapshot()
    response = editor.patch(DEMAND, change, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 400
    assert field in response.data, response.data
    assert snapshot() == before


def test_an_etag_of_another_item_or_a_list_does_not_match(editor, world):
    other = editor.get("/api/v1/demands/WKA-2025-02/")["ETag"]
    listing = editor.get("/api/v1/demands/")["ETag"]
    for tag in (other, listing, "*", '"garbage"'):
        response = editor.patch(
            DEMAND, {"title_en": "x", "public_note": "y"}, format="json", HTTP_IF_MATCH=tag
        )
        assert response.status_code == 412, tag


def test_a_coordinator_adds_a_measurement_once_per_date(clients, world):
    url = f"/api/v1/indicators/{world['indicator'].slug}/measurements/"
    body = {"date": "2025-10-01", "value": "7400", "qualifier": "circa", "nature": "estimate"}
    coordinator = clients["coordinator"]
    response = coordinator.post(url, body, format="json")
    assert response.status_code == 201, response.data
    measurement = Measurement.objects.get(indicator=world["indicator"], date="2025-10-01")
    assert measurement.qualifier == "circa" and measurement.nature == "estimate"
    again = coordinator.post(url, body, format="json")
    assert again.status_code == 400 and "date" in again.data
    negative = coordinator.post(url, {**body, "date": "2025-11-01", "value": "-3"}, format="json")
    assert negative.status_code == 400 and "value" in negative.data
    figures = APIClient().get(f"/api/v1/indicators/{world['indicator'].slug}/").data
    assert "2025-10-01" in [m["date"] for m in figures["measurements"]]


def test_a_session_write_needs_the_csrf_token(people, world):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(people["editor_own"])
    body = {"kind": "status", "status": "in_progress", "public_note": "Via de browser."}
    refused = client.post(ENTRIES, body, format="json")
    assert refused.status_code == 403 and "CSRF" in str(refused.data)
    client.get("/accounts/profile/")
    token = client.cookies["csrftoken"].value
    accepted = client.post(ENTRIES, body, format="json", HTTP_X_CSRFTOKEN=token)
    assert accepted.status_code == 201, accepted.data
    assert Demand.objects.get(reference="WKA-2025-01").status == Status.IN_PROGRESS


@pytest.mark.parametrize(
    ("language", "message"),
    [("nl", "Er is geen thema “geen-thema”."), ("en", "There is no theme “geen-thema”.")],
)
def test_errors_are_in_the_language_asked_for(editor, world, language, message):
    response = editor.post(
        "/api/v1/demands/",
        {
            "reference": "WKA-2025-93",
            "title_nl": "Eis",
            "quote": "Wij vragen.",
            "source": world["sources"][0].slug,
            "themes": ["geen-thema"],
        },
        format="json",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 400
    assert response.data["themes"] == [message]


def test_unpublishing_hides_the_item_and_withholds_its_history(editor, world):
    etag = editor.get(DEMAND)["ETag"]
    response = editor.patch(
        DEMAND,
        {"is_published": False, "public_note": "Dubbel ingevoerd."},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert response.status_code == 200 and response.data["is_published"] is False
    anonymous = APIClient()
    assert anonymous.get(DEMAND).status_code == 404
    last = Entry.objects.filter(demand__reference="WKA-2025-01").latest("seq")
    assert anonymous.get(f"/api/v1/ledger/entries/{last.seq}/").json()["withheld"] is True


def test_a_refused_edit_says_why_as_the_admin_does(clients, people, world):
    """The refusal explanations of accounts.permissions, as the admin shows them."""
    entries = "/api/v1/demands/WKA-2025-01/entries/"
    change = {"kind": "status", "status": "in_progress", "public_note": "Na het debat."}
    other = clients["editor_other"].post(entries, change, format="json")
    assert other.status_code == 403
    assert other.data["detail"] == (
        f"Deze eis is van {world['organisation']}; je kunt eisen van "
        f"{people['editor_other'].organisation} wijzigen."
    )
    no_role = clients["staff_without_role"].post(entries, change, format="json")
    assert no_role.status_code == 403 and "rol" in no_role.data["detail"]


def test_a_response_given_again_on_a_later_day_lists_the_answer_it_confirms(editor, world):
    """Recorded again with the same answer, a response changes only its day: the list
    still says what was answered (it used to fail with a server error)."""
    for day in ("2025-10-02", "2025-11-20"):
        response = editor.post(
            ENTRIES,
            {
                "kind": "response",
                "response": "rejected",
                "responded_on": day,
                "quote": "Het kabinet neemt dit niet over.",
            },
            format="json",
        )
        assert response.status_code == 201, response.data
    listed = APIClient().get("/api/v1/responses/?demand=WKA-2025-01")
    assert listed.status_code == 200
    *_, first, again = listed.data["results"]
    assert (first["response"], first["responded_on"]) == ("rejected", "2025-10-02")
    assert (again["response"], again["responded_on"]) == ("rejected", "2025-11-20")


def test_an_editor_cannot_move_their_demand_to_another_organisation(clients, people, world):
    """Entering it for another organisation is refused, and so is moving it there after."""
    editor, coordinator = clients["editor_own"], clients["coordinator"]
    before = snapshot()
    moved = editor.patch(
        DEMAND,
        {"organisation": "save-the-children", "public_note": "Overgedragen."},
        format="json",
        HTTP_IF_MATCH=editor.get(DEMAND)["ETag"],
    )
    assert moved.status_code == 403
    assert moved.data["detail"] == (
        "Alleen een coördinator geeft een item aan een andere organisatie dan de jouwe."
    )
    assert snapshot() == before
    assert Demand.objects.get(reference="WKA-2025-01").organisation == world["organisation"]
    by_coordinator = coordinator.patch(
        DEMAND,
        {"organisation": "save-the-children", "public_note": "Overgedragen."},
        format="json",
        HTTP_IF_MATCH=coordinator.get(DEMAND)["ETag"],
    )
    assert by_coordinator.status_code == 200
    assert by_coordinator.data["organisation"] == "save-the-children"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "status", "status": "achieved", "public_note": "Bereikt."}, "occurred_on"),
        ({"kind": "deadline", "deadline": None, "public_note": "Gepauzeerd."}, "occurred_on"),
        ({"kind": "response", "response": "accepted", "quote": "Ja."}, "responded_on"),
    ],
)
def test_an_entry_dated_after_today_is_refused_and_writes_nothing(editor, world, body, field):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    before = snapshot()

    response = editor.post(
        ENTRIES, {**body, field: tomorrow}, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 400
    assert list(response.data) == [field]
    assert "is after today" in response.data[field][0]
    assert snapshot() == before


def test_the_openapi_description_says_an_event_may_not_be_dated_after_today():
    schema = APIClient().get("/api/schema/?format=json", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Never after today" in schema
