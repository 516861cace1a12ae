"""The permission matrix: every endpoint, every method, every kind of client.

Anyone reads; a revoked token is refused everywhere; writes need staff, and which staff is
decided by ``accounts.permissions`` as in the admin: an editor changes their own
organisation's items, a coordinator every item and the figures. Nothing is ever deleted.
"""

import itertools

import pytest

from ledger.models import Entry
from tracker.models import Demand, Measurement, Statement, Status

pytestmark = pytest.mark.django_db

METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"]
READS = {"GET", "HEAD", "OPTIONS"}
PEOPLE = [
    "anonymous",
    "staff_without_role",
    "editor_own",
    "editor_other",
    "coordinator",
    "revoked_token",
]
# (method, endpoint) -> who may, and the status they get; other staff get 403.
WRITES = {
    ("POST", "demands"): ({"editor_own", "coordinator"}, 201),
    ("POST", "statements"): ({"editor_own", "coordinator"}, 201),
    ("PATCH", "demand"): ({"editor_own", "coordinator"}, 200),
    ("PATCH", "statement"): ({"editor_own", "coordinator"}, 200),
    ("POST", "demand_entries"): ({"editor_own", "coordinator"}, 201),
    ("POST", "statement_entries"): ({"editor_own", "coordinator"}, 201),
    ("POST", "measurements"): ({"coordinator"}, 201),
}
# Served by drf-spectacular, open to every reader; they answer no write.
DOCUMENTATION = {"schema", "docs"}


def endpoints(world) -> dict[str, str]:
    demand, statement = world["demands"][0].reference, world["commitment"].reference
    return {
        "root": "/api/v1/",
        "demands": "/api/v1/demands/",
        "demand": f"/api/v1/demands/{demand}/",
        "demand_entries": f"/api/v1/demands/{demand}/entries/",
        "statements": "/api/v1/statements/",
        "statement": f"/api/v1/statements/{statement}/",
        "statement_entries": f"/api/v1/statements/{statement}/entries/",
        "responses": "/api/v1/responses/",
        "sources": "/api/v1/sources/",
        "source": f"/api/v1/sources/{world['sources'][0].slug}/",
        "actors": "/api/v1/actors/",
        "actor": f"/api/v1/actors/{world['actors'][0].slug}/",
        "themes": "/api/v1/themes/",
        "theme": f"/api/v1/themes/{world['themes'][0].slug}/",
        "meetings": "/api/v1/meetings/",
        "meeting": f"/api/v1/meetings/{world['past_meeting'].slug}/",
        "indicators": "/api/v1/indicators/",
        "indicator": f"/api/v1/indicators/{world['indicator'].slug}/",
        "measurements": f"/api/v1/indicators/{world['indicator'].slug}/measurements/",
        "ledger_entries": "/api/v1/ledger/entries/",
        "ledger_entry": "/api/v1/ledger/entries/1/",
        "checkpoints": "/api/v1/ledger/checkpoints/",
        "keys": "/api/v1/ledger/keys/",
        "schema": "/api/schema/",
        "docs": "/api/docs/",
    }


def expected(person: str, method: str, endpoint: str) -> int:
    if person == "revoked_token":
        return 401
    if endpoint == "docs" and method == "OPTIONS":
        return 405  # The documentation page is a page: GET and HEAD only.
    if endpoint == "measurements" and method in ("GET", "HEAD"):
        return 405  # Figures are read with their indicator.
    if method in READS:
        return 200
    if endpoint in DOCUMENTATION:
        return 405
    if person == "anonymous":
        return 401
    allowed = WRITES.get((method, endpoint))
    if allowed is None:
        return 405
    people, success = allowed
    return success if person in people else 403


_counter = itertools.count(1)


def payload(world, client, endpoint: str) -> tuple[dict, dict]:
    """A body (and headers) that the endpoint accepts from whoever may write to it, so that
    a refusal can only be the permission's."""
    number = next(_counter)
    organisation = world["organisation"].slug
    source = world["sources"][0].slug
    if endpoint == "demands":
        return {
            "reference": f"NEW-2025-{number:02d}",
            "title_nl": "Nieuwe eis",
            "quote": "Wij vragen.",
            "source": source,
            "organisation": organisation,
        }, {}
    if endpoint == "statements":
        return {
            "reference": f"NTZ-2025-{number:02d}",
            "title_nl": "Nieuwe toezegging",
            "quote": "Wij zullen.",
            "source": source,
            "actor": world["actors"][0].slug,
            "organisation": organisation,
        }, {}
    if endpoint in ("demand", "statement"):
        etag = client.get(endpoints(world)[endpoint])["ETag"]
        return {"title_en": f"Title {number}", "public_note": "A better title."}, {
            "HTTP_IF_MATCH": etag
        }
    if endpoint in ("demand_entries", "statement_entries"):
        model = Demand if endpoint == "demand_entries" else Statement
        item = world["demands"][0] if model is Demand else world["commitment"]
        current = model.objects.values_list("status", flat=True).get(pk=item.pk)
        new = Status.IN_PROGRESS if current != Status.IN_PROGRESS else Status.OPEN
        return {"kind": "status", "status": new, "public_note": "After the debate."}, {}
    if endpoint == "measurements":
        return {"date": f"2024-01-{number % 28 + 1:02d}", "value": "100", "note": ""}, {}
    return {}, {}


def call(client, method: str, url: str, data: dict, headers: dict):
    send = getattr(client, method.lower())
    if method in READS:
        return send(url)
    return send(url, data, format="json", **headers)


@pytest.mark.parametrize("person", PEOPLE)
def test_the_permission_matrix(world, clients, person):
    client = clients[person]
    urls = endpoints(world)
    entries_before = list(Entry.objects.values_list("seq", "entry_hash"))
    Measurement.objects.filter(date__year=2024).delete()
    wrong = []
    for endpoint, url in urls.items():
        for method in METHODS:
            data, headers = payload(world, clients["coordinator"], endpoint)
            response = call(client, method, url, data, headers)
            want = expected(person, method, endpoint)
            if response.status_code != want:
                detail = getattr(response, "data", None)
                wrong.append(f"{method} {url}: {response.status_code}, not {want} ({detail})")
    assert wrong == []
    # Whatever was written, nothing of the ledger was removed or changed.
    entries_after = list(Entry.objects.values_list("seq", "entry_hash"))
    assert entries_after[: len(entries_before)] == entries_before


@pytest.mark.parametrize("person", ["editor_own", "coordinator"])
def test_nobody_deletes_a_ledger_entry(world, clients, person):
    before = Entry.objects.count()
    for url in ["/api/v1/ledger/entries/1/", "/api/v1/demands/WKA-2025-01/entries/"]:
        assert clients[person].delete(url).status_code == 405
    assert clients["anonymous"].delete("/api/v1/ledger/entries/1/").status_code == 401
    assert Entry.objects.count() == before
