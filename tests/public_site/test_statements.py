"""Government statements by their nature: a promise, an aim, a position, a decision, current
practice; a withdrawn promise shown as such; only promises counted as commitments."""

import pytest
from django.urls import reverse

from tests.factories import StatementFactory
from tests.public_site.reader import read, section, text
from tracker.models import Demand, Statement

pytestmark = pytest.mark.django_db


def page_of(reference: str) -> str:
    return reverse("tracker:statement_detail", args=[reference])


def test_a_statement_page_names_its_nature_in_both_languages(client, world):
    dutch = read(client, page_of("TZ-2025-05"))
    assert text(dutch[dutch.index('<dl class="standing">') :]).startswith("Aard Besluit")
    assert "Geen toezegging: vastgelegd zoals gezegd, telt niet als verplichting." in dutch
    english = read(client, page_of("TZ-2025-05"), "en")
    assert text(english[english.index('<dl class="standing">') :]).startswith("Nature Decision")
    assert "Not a promise: recorded as said, not counted as a commitment." in english


def test_only_a_promise_shows_a_status(client, world):
    promise = read(client, page_of("TZ-2023-01"))
    assert text(promise[promise.index('<dl class="standing">') :]).startswith(
        "Aard Toezegging Status Open"
    )
    decision = read(client, page_of("TZ-2025-05"))
    standing = decision[decision.index('<dl class="standing">') : decision.index("</dl>")]
    assert "status-open" not in standing


def test_a_withdrawn_promise_is_shown_as_such_with_when_and_where(client, world):
    letter = world["letter"]
    dutch = read(client, page_of("TZ-2023-02"))
    assert "Ingetrokken toezegging" in dutch
    notice = text(dutch[dutch.index('class="notice"') :])
    assert notice.startswith(f'class="notice"> ingetrokken op 20 september 2025, in {letter.title}')
    assert f'href="{letter.get_absolute_url()}"' in dutch
    english = text(read(client, page_of("TZ-2023-02"), "en"))
    assert "Withdrawn promise" in english
    assert f"withdrawn on Sept. 20, 2025, in {letter.title}" in english


def test_the_demand_page_lists_what_government_said_by_its_nature(client, world):
    said = text(
        section(
            read(client, Demand.objects.get(reference="WKA-2025-04").get_absolute_url()),
            "statements-heading",
        )
    )
    assert "Ingetrokken toezegging TZ-2023-02 Stabiele financiering van het COA" in said
    assert "ingetrokken op 20 september 2025" in said
    assert "Besluit TZ-2025-05 Geen structurele financiering van de opvang" in said
    said = text(
        section(
            read(client, Demand.objects.get(reference="WKA-2025-03").get_absolute_url(), "en"),
            "statements-heading",
        )
    )
    assert "Promise TZ-2023-01 Back to 55 unaccompanied minors at Ter Apel" in said
    assert "Deadline: Dec. 31, 2025" in said
    # An aim has no status to follow: it is recorded as said.
    aim = said[said.index("Aim or effort") :]
    assert aim.startswith("Aim or effort TZ-2025-04") and "Open" not in aim


def test_the_source_page_lists_its_statements_by_nature(client, world):
    said = text(section(read(client, world["sources"][0].get_absolute_url()), "statements-heading"))
    for words in (
        "Toezegging TZ-2023-01",
        "Ingetrokken toezegging TZ-2023-02",
        "Besluit TZ-2025-05",
    ):
        assert words in said


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"TZ-2023-01", "TZ-2023-02", "TZ-2023-03", "TZ-2025-04", "TZ-2025-05"}),
        ("kind=promise", {"TZ-2023-01", "TZ-2023-02", "TZ-2023-03"}),
        ("kind=decision", {"TZ-2025-05"}),
        ("kind=aim", {"TZ-2025-04"}),
        ("status=withdrawn", {"TZ-2023-02"}),
        # Only a promise has a status that means something.
        ("status=open", {"TZ-2023-01", "TZ-2023-03"}),
        ("kind=aim&status=open", set()),
        ("actor=minister-av&kind=promise", {"TZ-2023-01", "TZ-2023-02", "TZ-2023-03"}),
    ],
)
def test_the_statements_list_filters_by_nature(client, world, query, expected):
    page = client.get(reverse("tracker:statement_list") + "?" + query).context["page"]
    assert {statement.reference for statement in page.object_list} == expected


def test_a_nature_the_list_does_not_know_is_a_400_with_its_error_not_everything(client, world):
    response = client.get(reverse("tracker:statement_list") + "?kind=belofte")
    assert response.status_code == 400
    assert not response.context["page"].object_list
    assert "belofte is geen beschikbare keuze" in response.content.decode()


def test_the_statements_list_shows_each_nature_in_both_languages(client, world):
    dutch = text(read(client, reverse("tracker:statement_list")))
    assert "5 uitspraken" in dutch
    for words in ("Toezegging", "Ingetrokken toezegging", "Streven of inspanning", "Besluit"):
        assert words in dutch
    assert "ingetrokken op 20 september 2025" in dutch
    english = text(read(client, reverse("tracker:statement_list"), "en"))
    for words in ("Promise", "Withdrawn promise", "Aim or effort", "Decision", "not a promise"):
        assert words in english


def test_the_statements_list_is_in_the_navigation(client, world):
    content = read(client, reverse("tracker:overview"))
    nav = content[content.index('<nav class="wrap main-nav"') : content.index("</nav>")]
    assert f'href="{reverse("tracker:statement_list")}"' in nav
    assert "Uitspraken overheid" in nav


def test_only_promises_count_as_commitments_on_the_overview(client, world):
    statements = client.get(reverse("tracker:overview")).context["statements"]
    assert statements.promises.total == 3
    assert statements.promises.counts["open"] == 2
    assert statements.promises.counts["withdrawn"] == 1
    assert statements.kinds == {
        "promise": 3,
        "aim": 1,
        "position": 0,
        "decision": 1,
        "practice": 0,
    }
    StatementFactory(
        kind=Statement.Kind.POSITION,
        source=world["sources"][0],
        organisation=world["organisation"],
        actor=world["actors"][0],
    )
    StatementFactory(
        kind=Statement.Kind.PROMISE,
        is_published=False,
        source=world["sources"][0],
        organisation=world["organisation"],
        actor=world["actors"][0],
    )
    response = client.get(reverse("tracker:overview"))
    assert response.context["statements"].promises.total == 3
    assert response.context["statements"].kinds["position"] == 1
    said = text(section(response.content.decode(), "statements-heading"))
    assert said.startswith(
        "Wat de overheid zei 3 toezeggingen, naar status: Open: 2 Ingetrokken: 1"
    )
    assert "Standpunt: 1" in said and "Besluit: 1" in said


def test_a_promise_with_a_time_but_no_date_is_never_overdue(client, world):
    content = read(client, page_of("TZ-2023-03"))
    facts = text(
        content[
            content.index('<dl class="standing">') : content.index(
                "</dl>", content.index('<dl class="facts">')
            )
        ]
    )
    assert "Deadline “nog voor de zomer” — geen datum genoemd" in facts
    assert "Verlopen" not in facts
    assert not Statement.objects.overdue().filter(reference="TZ-2023-03").exists()
