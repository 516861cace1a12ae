"""How the addressee answered, apart from how far the work has come: stored in the ledger with
its day, document and words; shown, filtered, exported, fed and counted."""

import csv
import datetime
import io
import json

import feedparser
import pytest
import time_machine
from django.urls import reverse

from ledger import services as ledger
from ledger.models import Entry
from tests.public_site.reader import download, read, row, section, text
from tracker.models import Demand

pytestmark = pytest.mark.django_db

RESPONDED = datetime.date(2025, 9, 18)


def demand(reference: str) -> Demand:
    return Demand.objects.get(reference=reference)


def test_a_response_is_stored_in_the_ledger_with_its_day_document_and_words(world):
    rejected = demand("WKA-2025-04")
    assert (rejected.response, rejected.responded_on) == ("rejected", RESPONDED)
    (entry,) = rejected.entries.filter(kind=Entry.Kind.RESPONSE)
    assert entry.changes["response"] == ["none", "rejected"]
    assert entry.occurred_on == RESPONDED
    assert entry.source == world["letter"]
    assert entry.quote == "Het kabinet neemt dit over."
    # The status moved on its own, later.
    assert rejected.status == "not_achieved"


def test_the_demand_page_shows_the_response_apart_from_the_status_in_dutch(client, world):
    content = read(client, demand("WKA-2025-04").get_absolute_url())
    standing = text(content[content.index('<dl class="standing">') :])
    assert standing.startswith("Status Niet bereikt Reactie Afgewezen")
    answered = section(content, "response-heading")
    assert "Afgewezen" in answered
    assert "18 september 2025" in answered
    assert f'href="{world["letter"].get_absolute_url()}"' in answered
    assert world["letter"].title in answered
    assert "Het kabinet neemt dit over." in answered


def test_the_demand_page_shows_the_response_apart_from_the_status_in_english(client, world):
    content = read(client, demand("WKA-2025-04").get_absolute_url(), "en")
    standing = text(content[content.index('<dl class="standing">') :])
    assert standing.startswith("Status Not achieved Response Rejected")
    answered = text(section(content, "response-heading"))
    assert f"Rejected on Sept. 18, 2025, in {world['letter'].title}" in answered


def test_a_demand_without_an_answer_says_so(client, world):
    answered = text(
        section(read(client, demand("WKA-2025-05").get_absolute_url()), "response-heading")
    )
    assert "Nog geen reactie" in answered
    assert "In geen enkel document dat de monitor kent, staat een antwoord op deze eis." in answered


def test_each_list_row_shows_the_response_beside_the_status(client, world):
    content = read(client, reverse("tracker:demand_list"))
    assert "Niet bereikt" in row(content, "WKA-2025-04")
    assert "Afgewezen" in row(content, "WKA-2025-04")
    assert "18-9-2025" in row(content, "WKA-2025-04")
    assert "Nog geen reactie" in row(content, "WKA-2025-05")
    content = read(client, reverse("tracker:demand_list"), "en")
    assert "Rejected" in row(content, "WKA-2025-04")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("response=rejected", {"WKA-2025-04", "WKA-2025-09", "DCI-2025-01"}),
        ("response=none", {"WKA-2025-05", "WKA-2025-10"}),
        ("response=accepted&status=achieved", {"WKA-2025-03", "WKA-2025-08"}),
        ("response=partly_accepted", set()),
    ],
)
def test_the_list_filters_by_response(client, world, query, expected):
    page = client.get(reverse("tracker:demand_list") + "?" + query).context["page"]
    assert {item.reference for item in page.object_list} == expected


def test_an_unknown_response_is_refused_with_the_filters_error(client, world):
    response = client.get(reverse("tracker:demand_list") + "?response=maybe")
    assert response.context["filter"].errors["response"]


def test_the_exports_carry_the_response_its_day_and_its_document(client, world):
    query = "?response=rejected&addressee=coa"
    rows = list(
        csv.DictReader(
            io.StringIO(download(client, reverse("tracker:demands_csv") + query).decode())
        )
    )
    (exported,) = rows
    assert exported["reference"] == "WKA-2025-04"
    assert exported["status"] == "not_achieved"
    assert exported["response"] == "rejected"
    assert exported["responded_on"] == "2025-09-18"
    assert exported["response_document"] == world["letter"].slug
    assert exported["response_quote"] == "Het kabinet neemt dit over."
    data = json.loads(download(client, reverse("tracker:demands_json") + query))
    (exported,) = data["demands"]
    assert (exported["response"], exported["responded_on"]) == ("rejected", "2025-09-18")
    assert exported["response_document"] == world["letter"].slug


def test_a_demand_without_an_answer_exports_no_document(client, world):
    data = json.loads(download(client, reverse("tracker:demands_json") + "?q=eis+5"))
    (exported,) = [item for item in data["demands"] if item["reference"] == "WKA-2025-05"]
    assert exported["response"] == "none"
    assert exported["responded_on"] is None
    assert exported["response_document"] == "" and exported["response_quote"] == ""


def test_the_overview_counts_each_demand_once_per_response(client, world):
    response = client.get(reverse("tracker:overview"))
    # DCI-2025-01 was rejected too, but repeats WKA-2025-01 and is counted under it.
    assert response.context["responses"].counts == {
        "none": 2,
        "accepted": 5,
        "partly_accepted": 0,
        "noted": 3,
        "rejected": 2,
    }
    counted = text(response.content.decode())
    assert "Afgewezen: 2" in counted and "Aanvaard: 5" in counted
    assert 'href="/demands/?response=rejected"' in response.content.decode()


def test_a_corrected_response_keeps_the_document_and_words_it_was_read_from(client, world):
    accepted = demand("WKA-2025-02")
    wrong = accepted.entries.get(kind=Entry.Kind.RESPONSE)
    ledger.record_correction(
        wrong,
        {"response": "partly_accepted"},
        by=world["owner"],
        public_note="Het kabinet nam alleen het eerste deel over.",
    )
    answered = text(section(read(client, accepted.get_absolute_url()), "response-heading"))
    assert "Deels aanvaard" in answered
    assert world["letter"].title in answered
    assert "Het kabinet neemt dit over." in answered
    data = json.loads(download(client, reverse("tracker:demands_json") + "?q=eis+2"))
    (exported,) = [item for item in data["demands"] if item["reference"] == "WKA-2025-02"]
    assert exported["response"] == "partly_accepted"
    assert exported["response_document"] == world["letter"].slug


def test_the_feed_tells_a_response_with_its_day_document_and_words(client, world):
    feed = feedparser.parse(client.get(reverse("tracker:feed")).content)
    (item,) = [
        item
        for item in feed.entries
        if item.title.startswith("WKA-2025-04: Reactie: Afgewezen – Kinderen")
    ]
    assert item.summary.startswith(f"Op 18 september 2025, in “{world['letter'].title}”:")
    assert "“Het kabinet neemt dit over.”" in item.summary
    assert item.link.endswith(
        demand("WKA-2025-04").get_absolute_url()
        + "#entry-"
        + str(demand("WKA-2025-04").entries.get(kind=Entry.Kind.RESPONSE).seq)
    )


def test_a_past_meeting_shows_the_response_on_the_day_and_now(client, world):
    late = demand("WKA-2025-05")
    with time_machine.travel(datetime.datetime(2025, 10, 1, 12, tzinfo=datetime.UTC)):
        ledger.record_response(
            late,
            "accepted",
            by=world["owner"],
            responded_on=datetime.date(2025, 10, 1),
            source=world["letter"],
            quote="Wij nemen dit over.",
        )
    response = client.get(world["past_meeting"].get_absolute_url())
    stood = {
        item.reference: (item.response_then, item.response)
        for item in response.context["meeting"].agenda
    }
    assert stood["WKA-2025-05"] == ("none", "accepted")
    assert stood["WKA-2025-04"] == ("rejected", "rejected")
    cells = text(row(response.content.decode(), "WKA-2025-05"))
    assert cells.index("Nog geen reactie") < cells.index("Aanvaard")
