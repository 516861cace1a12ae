"""Nothing unpublished, no internal note, no author and no staff e-mail address reaches an
anonymous client: every endpoint is read, every page of it, in both languages."""

import datetime
import re

import pytest
from rest_framework.test import APIClient

from ledger import checkpoints
from ledger import services as ledger
from tests.factories import MeetingFactory, SourceFactory
from tests.public_site.test_privacy import SECRETS, secrets  # noqa: F401 - a fixture
from tracker.models import Demand

pytestmark = pytest.mark.django_db

MORE_SECRETS = [
    "VERBORGEN-BRON",  # an unpublished source
    "VERBORGEN-OVERLEG",  # an unpublished meeting
    "GEHEIM-ANTWOORD-INTERN",  # the internal note of a published demand's response
    "editor.own@example.org",  # staff who hold API tokens
    "coordinator@example.org",
]


@pytest.fixture
def more_secrets(world, secrets, people):  # noqa: F811 - the fixture imported above
    SourceFactory(slug="verborgen-bron", title="VERBORGEN-BRON", is_published=False)
    MeetingFactory(slug="verborgen-overleg", title_nl="VERBORGEN-OVERLEG", is_published=False)
    published = world["demands"][1]
    ledger.record_response(
        published,
        "partly_accepted",
        by=people["editor_own"],
        responded_on=datetime.date(2025, 10, 2),
        quote="Gedeeltelijk.",
        internal_note="GEHEIM-ANTWOORD-INTERN",
    )
    ledger.record_response(
        secrets,
        "accepted",
        by=people["editor_own"],
        responded_on=datetime.date(2025, 10, 2),
        quote="VERBORGEN-ANTWOORD",
    )
    checkpoints.sign()
    return secrets


def every_url(client) -> list[str]:
    """Every list (every page), every item the lists show, and lookups of hidden things."""
    lists = [
        "/api/v1/",
        "/api/v1/demands/",
        "/api/v1/demands/?q=VERBORGEN",
        "/api/v1/statements/",
        "/api/v1/statements/?answers=WKA-2025-99",
        "/api/v1/responses/",
        "/api/v1/responses/?demand=WKA-2025-99",
        "/api/v1/sources/",
        "/api/v1/actors/",
        "/api/v1/themes/",
        "/api/v1/meetings/",
        "/api/v1/indicators/",
        "/api/v1/ledger/entries/",
        "/api/v1/ledger/checkpoints/",
        "/api/v1/ledger/keys/",
    ]
    urls = []
    for url in lists:
        while url:
            urls.append(url)
            data = client.get(url).json()
            url = data.get("next") if isinstance(data, dict) else None
            for row in data.get("results", []) if isinstance(data, dict) else []:
                for key in ("api_url",):
                    if row.get(key):
                        urls.append(row[key])
                if "reference" in row:
                    urls.append(row["api_url"] + "entries/")
    hidden = [
        "/api/v1/demands/WKA-2025-99/",
        "/api/v1/demands/WKA-2025-99/entries/",
        "/api/v1/statements/TZ-2023-99/",
        "/api/v1/sources/verborgen-bron/",
        "/api/v1/meetings/verborgen-overleg/",
    ]
    return urls + hidden + [f"/api/v1/ledger/entries/{seq}/" for seq in range(1, 60)]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_anonymous_answer_shows_what_is_not_published(more_secrets, language):
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    urls = every_url(client)
    assert len(urls) > 80
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        content = response.content.decode()
        for secret in SECRETS + MORE_SECRETS + ["VERBORGEN-ANTWOORD"]:
            assert secret not in content, f"{secret} appears in {url}"


def test_a_withheld_entry_shows_its_place_in_the_chain_only(more_secrets):
    hidden = Demand.objects.get(reference="WKA-2025-99")
    seq = hidden.entries.latest("seq").seq
    entry = APIClient().get(f"/api/v1/ledger/entries/{seq}/").json()
    assert entry["withheld"] is True
    assert set(entry) == {
        "seq",
        "format",
        "recorded_at",
        "content_digest",
        "previous_hash",
        "entry_hash",
        "withheld",
    }


def test_staff_who_may_view_see_unpublished_items_but_never_notes_or_authors(more_secrets, clients):
    editor = clients["editor_own"]
    assert editor.get("/api/v1/demands/WKA-2025-99/").status_code == 200
    assert clients["staff_without_role"].get("/api/v1/demands/WKA-2025-99/").status_code == 404
    for url in every_url(editor):
        content = editor.get(url).content.decode()
        for secret in ["GEHEIM-INTERN-7f3", "GEHEIM-ANTWOORD-INTERN", "fenna.owner@example.org"]:
            assert secret not in content, f"{secret} appears in {url}"


def test_the_documentations_script_carries_a_csrf_token_for_signed_in_staff_only(people, world):
    """Swagger UI's "Try it out" writes with the session need the token; anyone else's copy of
    the script has none, and no cookie comes with it."""
    client = APIClient(enforce_csrf_checks=True)
    anonymous = client.get("/api/docs/?script=")
    assert 'request.headers["X-CSRFTOKEN"] = "";' in anonymous.content.decode()
    assert not anonymous.cookies
    client.force_login(people["editor_own"])
    script = client.get("/api/docs/?script=").content.decode()
    token = re.search(r'request.headers\["X-CSRFTOKEN"\] = "([^"]+)";', script).group(1)
    change = {"kind": "status", "status": "in_progress", "public_note": "Via Swagger UI."}
    written = client.post(
        "/api/v1/demands/WKA-2025-01/entries/", change, format="json", HTTP_X_CSRFTOKEN=token
    )
    assert written.status_code == 201, written.data
