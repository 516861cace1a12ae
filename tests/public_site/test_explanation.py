"""A page that explains, in plain Dutch and English, every status, response, kind of
statement and nature of a figure; linked from wherever those appear."""

import pytest
from django.urls import reverse

from public_site import glossary
from tests.public_site.reader import read, section, text
from tracker.models import Demand, Measurement, Response, Statement, Status

pytestmark = pytest.mark.django_db

EXPLANATION = reverse("tracker:explanation")


def test_every_status_response_kind_and_nature_has_an_explanation():
    assert set(glossary.STATUS) == set(Status)
    assert set(glossary.RESPONSE) == set(Response)
    assert set(glossary.KIND) == set(Statement.Kind)
    assert set(glossary.NATURE) == set(Measurement.Nature)


def test_the_page_explains_each_term_under_its_own_anchor(client, world):
    content = read(client, EXPLANATION)
    anchors = (
        [f"status-{status}" for status in Status]
        + [f"response-{response}" for response in Response]
        + [f"kind-{kind}" for kind in Statement.Kind]
        + ["kind-withdrawn-promise", "overdue", "no-date-given", "same-as", "raised-by"]
    )
    for anchor in anchors:
        assert f'<dt id="{anchor}">' in content, anchor


def test_the_page_reads_in_dutch_and_in_english(client, world):
    dutch = text(read(client, EXPLANATION))
    assert "Uitleg van de begrippen" in dutch
    assert "Afgewezen De geadresseerde wees het af." in dutch
    assert "Ingetrokken toezegging Een toezegging die de overheid heeft ingetrokken" in dutch
    assert "Prognose Wat een bron verwacht voor een datum in de toekomst." in dutch
    english = text(read(client, EXPLANATION, "en"))
    assert "What the words mean" in english
    assert "Rejected The addressee declined." in english
    assert "Aim or effort An aim without an undertaking" in english
    assert "Only promises count as government's commitments." in english


def test_badges_link_to_their_explanation(client, world):
    rejected = Demand.objects.get(reference="WKA-2025-04")
    content = read(client, rejected.get_absolute_url())
    assert f'href="{EXPLANATION}#status-not_achieved">Niet bereikt</a>' in content
    assert f'href="{EXPLANATION}#response-rejected">Afgewezen</a>' in content
    assert f'href="{EXPLANATION}#kind-withdrawn-promise">Ingetrokken toezegging</a>' in content
    statement = read(client, reverse("tracker:statement_detail", args=["TZ-2025-05"]))
    assert f'href="{EXPLANATION}#kind-decision">Besluit</a>' in statement


def test_the_list_the_overview_and_every_footer_link_the_explanation(client, world):
    listed = read(client, reverse("tracker:demand_list"))
    assert f'href="{EXPLANATION}#status"' in listed and f'href="{EXPLANATION}#response"' in listed
    overview = read(client, reverse("tracker:overview"))
    assert f'href="{EXPLANATION}"' in section(overview, "figures-heading")
    assert f'href="{EXPLANATION}#kind"' in section(overview, "statements-heading")
    for url in (reverse("tracker:source_list"), world["indicator"].get_absolute_url()):
        footer = read(client, url).split('<footer class="site-footer">')[1]
        assert f'href="{EXPLANATION}">Uitleg van de begrippen</a>' in footer
