"""Every public page runs the same number of queries with 10 demands as with 500."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.public_site.test_pages import public_urls
from tests.public_site.world import add_demands, build_world

pytestmark = pytest.mark.django_db


def query_counts(client, urls) -> dict[str, int]:
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(queries)
    return counts


def test_every_public_page_runs_a_fixed_number_of_queries(client):
    world = build_world(10)
    urls = public_urls(world)
    with_10 = query_counts(client, urls)
    add_demands(world, 490)
    with_500 = query_counts(client, urls)
    print("\n".join(f"{with_10[url]:3} {with_500[url]:3}  {url}" for url in urls))
    assert with_500 == with_10


def test_no_public_page_reads_a_field_its_query_left_out(client, world, monkeypatch):
    """Lists read only what they show of each row (``public_site.visible.ROW``, the ledger page's
    ``LEDGER_ROW``): a field shown but left out would be read row by row, a query each, and
    only where such a row exists (a repeat, a correction), which the counts above need not
    see."""
    from django.db.models import Model

    from ledger import services as ledger
    from ledger.models import Entry

    wrong = world["demands"][1].entries.filter(kind=Entry.Kind.STATUS).first()
    ledger.record_correction(wrong, {"status": "open"}, by=world["owner"], public_note="Mis.")

    def refuse(item, fields=None, **kwargs):
        raise AssertionError(f"{type(item).__name__}.{fields} read on its own")

    monkeypatch.setattr(Model, "refresh_from_db", refuse)
    for url in [*public_urls(world), "/ledger/", "/en/demands/", "/en/statements/"]:
        assert client.get(url).status_code == 200, url
