"""The calendar's content lines (``public_site.calendar``), escaped and folded by icalendar's
own functions: icalendar reads back what was meant, and writes the same octets."""

import random

import icalendar
import pytest
from django.urls import reverse
from django.utils import translation
from icalendar.parser import Contentline

from public_site import addresses
from public_site.calendar import FOLD_AT, escape, fold

pytestmark = pytest.mark.no_database

AWKWARD_TEXTS = [
    "",
    "Kinderen uit de noodopvang",
    "a, b; c \\ d",
    "back\\slash at the end\\",
    "line one\nline two\r\nline three\rline four",
    "Ter Apel – ‘55 amv’: één, twee; drie 😀 ✓",
    "^caret^ and \\n that is not a newline",
]


@pytest.mark.parametrize("text", AWKWARD_TEXTS)
def test_text_is_escaped_as_icalendar_escapes_it(text):
    assert escape(text) == icalendar.vText(text).to_ical().decode()


@pytest.mark.parametrize("text", AWKWARD_TEXTS)
def test_escaped_text_reads_back_as_written(text):
    event = icalendar.Event.from_ical(
        b"BEGIN:VEVENT\r\n" + fold(f"SUMMARY:{escape(text)}") + b"\r\nEND:VEVENT\r\n"
    )
    written = text.replace("\r\n", "\n").replace("\r", "\n")
    assert str(event["SUMMARY"]) == written


def folded_lines():
    """Lines that fold at every kind of place: short and exactly at the limit, long ASCII,
    two-, three- and four-octet characters across the fold, an escape or caret where it
    would fall."""
    yield "SUMMARY:short"
    yield "X:" + "a" * (FOLD_AT - 2)  # exactly FOLD_AT octets: not folded
    yield "X:" + "a" * (FOLD_AT - 1)
    yield "DESCRIPTION:" + "lorem ipsum " * 40
    for filler in range(FOLD_AT - 12, FOLD_AT + 2):
        for tail in ("é" * 30, "€" * 30, "😀" * 30, "\\," * 30, "^^" * 30, "a\\\\b" * 10):
            yield "SUMMARY:" + "x" * filler + tail
    alphabet = "abc ,;\\^éü€😀–\u200b"
    rng = random.Random(5545)
    for _ in range(300):
        yield "DESCRIPTION:" + "".join(rng.choice(alphabet) for _ in range(rng.randrange(250)))


def test_lines_fold_as_icalendar_folds_them():
    for line in folded_lines():
        folded = fold(line)
        assert folded == Contentline(line).to_ical(), line
        first, *continued = folded.split(b"\r\n")
        assert len(first) <= FOLD_AT, line
        for part in continued:
            # 75 octets at most, the RFC's limit, with the space that marks a continuation.
            assert part.startswith(b" ") and len(part) <= FOLD_AT + 1, line
        # Never inside a character: each line is UTF-8 on its own.
        for part in [first, *continued]:
            part.decode()
        assert folded.replace(b"\r\n ", b"").decode() == line


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(
    "name, key",
    [
        ("tracker:demand_detail", "WKA-2025-03"),
        ("tracker:demand_detail", "KEY é:@;?#%"),
        ("tracker:meeting_detail", "vervolgoverleg-2026"),
    ],
)
def test_page_urls_are_those_reverse_gives(language, name, key):
    with translation.override(language):
        url = addresses.of_pages(name, "https://example.org")
        assert url(key) == "https://example.org" + reverse(name, args=[key])
