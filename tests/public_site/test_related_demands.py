"""The same demand in another document, and demands that overlap: linked on both pages,
exported, and a repeated demand counted once in every figure."""

import json

import pytest
from django.urls import reverse

from ledger import services as ledger
from public_site import progress
from tests.factories import DemandFactory
from tests.public_site.reader import download, read, row, text
from tracker.models import Demand

pytestmark = pytest.mark.django_db


def demand(reference: str) -> Demand:
    return Demand.objects.get(reference=reference)


def facts(content: str) -> str:
    start = content.index('<dl class="facts">')
    return content[start : content.index("</dl>", start)]


def test_the_repeat_and_the_first_demand_link_each_other(client, world):
    first, repeat = demand("WKA-2025-01"), world["repeat"]
    on_repeat = facts(read(client, repeat.get_absolute_url()))
    assert f'href="{first.get_absolute_url()}"' in on_repeat
    assert (
        "Dezelfde eis als WKA-2025-01 Kinderen uit de crisisnoodopvang, eis 1 "
        "(Position paper Defence for Children) Telt één keer mee, onder die eis." in text(on_repeat)
    )
    on_first = facts(read(client, first.get_absolute_url()))
    assert f'href="{repeat.get_absolute_url()}"' in on_first
    assert "Ook gesteld in DCI-2025-01 (Brief aan de vaste commissie)" in text(on_first)
    english = text(facts(read(client, repeat.get_absolute_url(), "en")))
    assert "Same demand as WKA-2025-01" in english and "Counted once, under that demand." in english
    assert "Also made in DCI-2025-01" in text(facts(read(client, first.get_absolute_url(), "en")))


def test_overlapping_demands_link_each_other(client, world):
    second, third = demand("WKA-2025-02"), demand("WKA-2025-03")
    on_second = facts(read(client, second.get_absolute_url()))
    assert f'href="{third.get_absolute_url()}"' in on_second
    assert "Overlapt met WKA-2025-03" in text(on_second)
    on_third = facts(read(client, third.get_absolute_url(), "en"))
    assert f'href="{second.get_absolute_url()}"' in on_third
    assert "Overlaps with WKA-2025-02" in text(on_third)


def test_a_list_row_says_which_demand_it_repeats(client, world):
    content = read(client, reverse("tracker:demand_list"))
    assert "Dezelfde eis als WKA-2025-01" in text(row(content, "DCI-2025-01"))
    assert "13 eisen (waarvan 1 een eis uit een ander document herhaalt" in text(content)


def test_the_exports_name_the_same_and_overlapping_demands(client, world):
    data = json.loads(download(client, reverse("tracker:demands_json")))["demands"]
    by_reference = {item["reference"]: item for item in data}
    assert by_reference["DCI-2025-01"]["same_as"] == "WKA-2025-01"
    assert by_reference["WKA-2025-01"]["same_as"] == ""
    assert by_reference["WKA-2025-02"]["overlaps_with"] == ["WKA-2025-03"]
    assert by_reference["WKA-2025-03"]["overlaps_with"] == ["WKA-2025-02"]
    csv_text = download(client, reverse("tracker:demands_csv") + "?q=DCI").decode()
    assert "WKA-2025-01" in csv_text.splitlines()[1]


def figures(client) -> dict:
    """Every figure the public site shows that counts demands."""
    overview = client.get(reverse("tracker:overview")).context
    rows = progress.with_progress(progress.per_source())
    sources = {source.slug: source.progress.total for source in rows}
    meetings = client.get(reverse("tracker:meeting_list")).context
    return {
        "overall": overview["progress"].total,
        "in progress": overview["progress"].counts["in_progress"],
        "rejected": overview["responses"].counts["rejected"],
        "theme": {theme.slug: theme.progress.total for theme in overview["themes"]},
        "addressee": {actor.slug: actor.progress.total for actor in overview["addressees"]},
        "source": sources,
        "next meeting": overview["next_meeting"].progress.total,
        "agenda": {meeting.slug: meeting.agenda_size for meeting in meetings["upcoming"]},
    }


def test_a_repeated_demand_is_counted_once_in_every_figure(client, world):
    counted_once = figures(client)
    assert counted_once == {
        "overall": 12,
        "in progress": 3,
        "rejected": 2,
        "theme": {"noodopvang": 12, "onderwijs": 6},
        "addressee": {"coa": 4, "gemeenten": 4, "minister-av": 4},
        "source": {"brief-werkgroep-2025": 6, "position-paper-dci": 6, "kamerbrief-2025-09-20": 0},
        "next meeting": 6,
        "agenda": {"vervolgoverleg-2026": 6, "rondetafel-2026": 0},
    }
    cards = read(client, reverse("tracker:source_list")).split('<li class="card">')
    (card,) = [card for card in cards if world["sources"][0].get_absolute_url() in card]
    assert "6 eisen" in text(card)
    # Unmarked, the same demand would count twice: the figures do depend on the mark.
    ledger.update(
        world["repeat"],
        {"duplicate_of": None},
        by=world["owner"],
        public_note="Toch een andere eis.",
    )
    counted_twice = figures(client)
    assert counted_twice["overall"] == 13
    assert counted_twice["source"]["brief-werkgroep-2025"] == 7
    assert counted_twice["next meeting"] == 7


def test_a_published_repeat_of_an_unpublished_demand_stands_for_it(client, world):
    hidden = DemandFactory(
        reference="WKA-2025-98",
        title_nl="VERBORGEN-EIS",
        is_published=False,
        source=world["sources"][0],
        organisation=world["organisation"],
    )
    DemandFactory(
        reference="DCI-2025-02",
        source=world["sources"][1],
        organisation=world["organisation"],
        duplicate_of=hidden,
    )
    assert client.get(reverse("tracker:overview")).context["progress"].total == 13
    content = read(client, demand("DCI-2025-02").get_absolute_url())
    assert "VERBORGEN" not in content and "WKA-2025-98" not in content
    assert "Dezelfde eis als" not in content


def test_links_to_unpublished_demands_are_not_shown(client, world):
    hidden = DemandFactory(
        reference="WKA-2025-99",
        title_nl="VERBORGEN-EIS",
        is_published=False,
        source=world["sources"][0],
        organisation=world["organisation"],
        duplicate_of=demand("WKA-2025-01"),
    )
    ledger.update(demand("WKA-2025-02"), {"overlaps": [demand("WKA-2025-03"), hidden]}, by=None)
    for reference in ("WKA-2025-01", "WKA-2025-02"):
        assert "WKA-2025-99" not in read(client, demand(reference).get_absolute_url())
    data = json.loads(download(client, reverse("tracker:demands_json")))["demands"]
    assert "WKA-2025-99" not in json.dumps(data)
