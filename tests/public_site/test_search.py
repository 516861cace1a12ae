"""Search is bounded in length and terms, and finds every term, on SQLite and PostgreSQL."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from public_site import search
from tracker.models import Demand

pytestmark = pytest.mark.django_db


def listed(client, query: str) -> set[str]:
    response = client.get(reverse("tracker:demand_list"), {"q": query})
    assert response.status_code == 200
    return {demand.reference for demand in response.context["page"].object_list}


def test_every_term_must_match(client, world):
    assert listed(client, "eis 12") == {"WKA-2025-12"}
    assert listed(client, "crisisnoodopvang") == set(
        Demand.objects.published()
        .filter(title_nl__icontains="crisisnoodopvang")
        .values_list("reference", flat=True)
    )


def test_a_term_finds_words_that_start_with_it_in_either_language(client, world):
    assert "WKA-2025-12" in listed(client, "crisisnood")
    assert "WKA-2025-12" in listed(client, "emergency 12")


def test_a_reference_finds_its_demand(client, world):
    assert listed(client, "WKA-2025-07") == {"WKA-2025-07"}


def test_query_syntax_is_searched_for_not_obeyed(client, world):
    for query in ["eis & !12", "eis | 12", "'", "12:*", "(eis", "\\"]:
        response = client.get(reverse("tracker:demand_list"), {"q": query})
        assert response.status_code == 200, query


def test_a_four_kilobyte_search_is_refused_with_a_400_before_the_database(
    client, world, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        response = client.get(reverse("tracker:demand_list"), {"q": "kinderen " * 455})
    assert response.status_code == 400
    assert response.context["page"].paginator.count == 0
    assert "200" in response.content.decode()  # the form says the limit


def test_more_terms_than_the_limit_are_refused(client, world):
    query = " ".join(["eis"] * (search.MAX_TERMS + 1))
    response = client.get(reverse("tracker:demand_list"), {"q": query})
    assert response.status_code == 400
    assert response.context["filter"].form.has_error("q", code="too_many_terms")


def test_the_longest_accepted_search_costs_the_queries_of_a_one_word_search(client, world):
    def queries(query: str) -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse("tracker:demand_list"), {"q": query}).status_code == 200
        return len(context)

    assert queries(" ".join(["kinderen"] * search.MAX_TERMS)) == queries("kinderen")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search is PostgreSQL's")
def test_on_postgresql_the_search_is_full_text_through_its_index(world):
    queryset = search.search_demands(Demand.objects.order_by(), "kinderen opvang")
    with connection.cursor() as cursor:
        # A few dozen rows are read faster by other means; make the planner show whether
        # it can use the full-text index (a GIN index is read by a bitmap scan).
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        plan = queryset.explain()
    assert "tracker_demand_search" in plan
