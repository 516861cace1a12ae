"""Every public page runs the same number of queries with 10 demands as with 500."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.public.test_pages import public_urls
from tests.public.world import add_demands, build_world

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
