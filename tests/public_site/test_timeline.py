"""The public history of an item: the day each event happened apart from the day it was
recorded, responses with their words and document, revisions with the old wording,
corrections linked both ways."""

import datetime

import pytest
import time_machine

from ledger import services as ledger
from ledger.models import Entry
from tests.public_site.reader import entry, read, text
from tracker.models import Demand

pytestmark = pytest.mark.django_db


def demand(reference: str) -> Demand:
    return Demand.objects.get(reference=reference)


def test_an_entry_shows_the_day_it_happened_apart_from_when_it_was_recorded(client, world):
    late = demand("WKA-2025-05")
    with time_machine.travel(datetime.datetime(2025, 11, 3, 9, 30, tzinfo=datetime.UTC)):
        recorded = ledger.record_status_change(
            late,
            "in_progress",
            by=world["owner"],
            public_note="Uit de Kamerbrief van 16 september.",
            occurred_on=datetime.date(2025, 9, 16),
        )
    shown = entry(read(client, late.get_absolute_url()), recorded.seq)
    head = shown[: shown.index("</p>")]
    assert '<time datetime="2025-09-16">16 september 2025</time>' in head
    assert "Status gewijzigd" in head
    assert "vastgelegd" in text(shown) and "3 november 2025 10:30" in text(shown)
    english = text(entry(read(client, late.get_absolute_url(), "en"), recorded.seq))
    assert english.startswith(f'id="entry-{recorded.seq}"> Sept. 16, 2025 Status changed')
    assert "recorded Nov. 3, 2025, 10:30 a.m." in english


def test_a_response_entry_shows_the_quote_and_the_document(client, world):
    rejected = demand("WKA-2025-04")
    response = rejected.entries.get(kind=Entry.Kind.RESPONSE)
    shown = entry(read(client, rejected.get_absolute_url()), response.seq)
    assert "18 september 2025" in shown and "Reactie vastgelegd" in shown
    assert "Afgewezen" in shown
    assert '<blockquote lang="nl"><p>Het kabinet neemt dit over.</p></blockquote>' in shown
    assert f'href="{world["letter"].get_absolute_url()}"' in shown


def test_a_revision_reads_text_corrected_with_its_reason_and_the_old_wording(client, world):
    first = demand("WKA-2025-01")
    with time_machine.travel(datetime.datetime(2025, 10, 6, 8, tzinfo=datetime.UTC)):
        revision = ledger.update(
            first,
            {"title_nl": "Kinderen uit de crisisnoodopvang, eerste eis"},
            by=world["owner"],
            public_note="Tikfout in de titel.",
        )
    shown = entry(read(client, first.get_absolute_url()), revision.seq)
    assert text(shown[: shown.index("</p>")]).endswith(
        "6 oktober 2025 Tekst gecorrigeerd (Tikfout in de titel.)"
    )
    assert "<del>Kinderen uit de crisisnoodopvang, eis 1</del>" in shown
    assert "<ins>Kinderen uit de crisisnoodopvang, eerste eis</ins>" in shown
    english = text(entry(read(client, first.get_absolute_url(), "en"), revision.seq))
    assert "Oct. 6, 2025 Text corrected (Tikfout in de titel.)" in english


def test_a_correction_and_the_entry_it_corrects_link_each_other(client, world):
    second = demand("WKA-2025-02")
    wrong = second.entries.get(kind=Entry.Kind.STATUS)
    correction = ledger.record_correction(
        wrong, {"status": "open"}, by=world["owner"], public_note="Er is nog niets begonnen."
    )
    content = read(client, second.get_absolute_url())
    corrected = entry(content, wrong.seq)
    assert f'class="entry entry-status corrected" id="entry-{wrong.seq}"' in content
    assert f'<a href="#entry-{correction.seq}">Gecorrigeerd door regel #{correction.seq}</a>' in (
        corrected
    )
    assert "Er is nog niets begonnen." in corrected
    correcting = entry(content, correction.seq)
    assert f'<a href="#entry-{wrong.seq}">Corrigeert regel #{wrong.seq}</a>' in correcting
    english = entry(read(client, second.get_absolute_url(), "en"), correction.seq)
    assert f"Corrects entry #{wrong.seq}" in english


def test_the_first_entry_names_the_document_the_item_was_entered_from(client, world):
    first = demand("WKA-2025-01")
    created = first.entries.get(kind=Entry.Kind.CREATED)
    shown = text(entry(read(client, first.get_absolute_url()), created.seq))
    assert f"Opgenomen in het register Overgenomen uit {first.source.title}." in shown
