"""Only what is published: no unpublished item, internal note or staff member ever shows."""

import pytest
from django.urls import reverse
from django.utils import translation

from ledger import services as ledger
from tests.factories import DemandFactory, StatementFactory
from tests.public_site.reader import download
from tests.public_site.test_pages import public_urls

pytestmark = pytest.mark.django_db

SECRETS = [
    "GEHEIM-INTERN-7f3",  # an internal note on a published demand
    "WKA-2025-99",  # the unpublished demand's reference ...
    "VERBORGEN-EIS",  # ... its title ...
    "VERBORGEN-NOTITIE",  # ... and the public note of its ledger entry
    "TZ-2023-99",  # an unpublished commitment
    "VERBORGEN-TOEZEGGING",
    "Fenna Eigenaar",  # the owner and author of every entry
    "fenna.owner@example.org",
]


@pytest.fixture
def secrets(world):
    published = world["demands"][0]
    ledger.record_status_change(
        published,
        "achieved",
        by=world["owner"],
        public_note="Afgerond volgens de Kamerbrief.",
        internal_note="GEHEIM-INTERN-7f3: bel de griffier niet.",
    )
    hidden = DemandFactory(
        reference="WKA-2025-99",
        title_nl="VERBORGEN-EIS",
        title_en="VERBORGEN-EIS",
        is_published=False,
        source=world["sources"][0],
        organisation=world["organisation"],
        owner=world["owner"],
        themes=world["themes"],
        addressees=world["actors"],
        deadline=published.deadline,
    )
    ledger.record_status_change(
        hidden, "in_progress", by=world["owner"], public_note="VERBORGEN-NOTITIE"
    )
    for meeting in (world["past_meeting"], world["upcoming_meeting"]):
        meeting.demands.add(hidden)
    StatementFactory(
        reference="TZ-2023-99",
        title_nl="VERBORGEN-TOEZEGGING",
        is_published=False,
        source=world["sources"][0],
        organisation=world["organisation"],
        actor=world["actors"][0],
        answers=[published, hidden],
    )
    return hidden


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_page_feed_or_export_shows_unpublished_items_internal_notes_or_staff(
    client, world, secrets, language
):
    translation.activate(language)  # public URLs carry their language: /en/… for English
    urls = public_urls(world) + [
        reverse("tracker:demand_list") + "?q=VERBORGEN",
        reverse("tracker:demands_csv") + "?q=VERBORGEN",
        reverse("tracker:theme_feed", args=["onderwijs"]),
        reverse("tracker:theme_feed", args=["amv"]),
    ]
    for url in urls:
        content = download(client, url).decode()
        for secret in SECRETS:
            assert secret not in content, f"{secret} appears on {url}"


def test_an_unpublished_demand_has_no_page(client, secrets):
    response = client.get(secrets.get_absolute_url())
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()
    assert "VERBORGEN" not in response.content.decode()


def test_counts_leave_unpublished_demands_out(client, world, secrets):
    response = client.get(reverse("tracker:overview"))
    assert response.context["progress"].total == len(world["demands"])
    agenda = client.get(world["past_meeting"].get_absolute_url()).context["meeting"].agenda
    assert secrets not in agenda
