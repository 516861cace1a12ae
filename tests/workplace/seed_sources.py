"""The five source documents as a reader sees them: the PDF conversion's damage repaired.

fixtures/sources/ holds the documents as converted (shared/seeds/), with one child's story and
one staff member's contact details taken out. ``cleaned`` repairs what the conversion broke
(see DOMAIN.md), drops footnotes, link lists and page furniture, and joins the text into one
line, so that a quote in the seed can be checked as a plain substring.
"""

import re
from functools import cache
from pathlib import Path

from django.conf import settings

SOURCES = Path(settings.BASE_DIR) / "fixtures" / "sources"

# Characters the conversion mangled, each with the word that shows it.
REPAIRS = [
    (re.compile(r"h#ps"), "https"),  # 001: "h#ps" is "https"
    (re.compile(r"(?<=[a-z])#(?=[a-z])"), "tt"),  # 001: "a#en=e" is "attentie"
    (re.compile(r"(?<=[A-Za-z])=(?=[a-z])"), "ti"),  # 001: "situa=e" is "situatie"
    (re.compile(r"(?<=[a-z])`"), "ft"),  # 001: "blij`" is "blijft"
    (re.compile(r"(?<=[a-z])6(?=ng)"), "tti"),  # 001: "beze6ng" is "bezetting"
    (re.compile(r"(?<=[a-z])3(?=[eo])"), "ti"),  # 001: "coali3e" is "coalitie"
    (re.compile(r"Q(?=[a-z])"), "ti"),  # 002: "situaQe" is "situatie", "Qjdig" "tijdig"
    (re.compile(r"(?<=[a-z])<(?=[a-z])"), "ti"),  # 002: "Ac<epunt" is "Actiepunt"
    (re.compile(r"(?<=[a-z])R(?![A-Z])"), "ft"),  # 002: "behoeRe" is "behoefte", "heeR"
    (re.compile(r"(?<=[a-z])U(?=[a-z])"), "tt"),  # 002: "zeUen" is "zetten"
    (re.compile(r"aGouwen"), "afbouwen"),  # 002
    (re.compile(r"Samenva\.ng"), "Samenvatting"),  # 002
    (re.compile(r"´"), "’"),  # 003: "Veiligheidsregio´s"
]
# 003: the letterhead that every page repeats, in the middle of a sentence.
LETTERHEAD = re.compile(
    r"Pagina \d+ van \d+\s+Directoraat-Generaal\s+Migratie\s+Directie Regie Migratieketen"
    r"\s+Ketensturing\s+Datum\s+25 mei 2023\s+Ons kenmerk\d+"
)
URL_LINE = re.compile(r"^\s*https?://\S*\s*$")
PAGE_NUMBER = re.compile(r"^\s*\d{1,2}\s*$")
FOOTNOTE = re.compile(r"^\s?\d{1,2} \S")
# "privéleven.1 Bovendien", "herkomst).6", "IVRK2 verplicht": a note's number after a word.
FOOTNOTE_MARKER = re.compile(
    r"(?:(?<=[^\W\d_])|(?<=[^\W\d_][.)”’])|(?<=[^\W\d_][.)”’][.)”’]))\d{1,2}(?=[\s.,;:]|$)"
)


@cache
def cleaned(file_name: str) -> str:
    text = (SOURCES / file_name).read_text(encoding="utf-8")
    for pattern, repair in REPAIRS:
        text = pattern.sub(repair, text)
    text = LETTERHEAD.sub(" ", text)
    body, in_footnote, previous_blank = [], False, True
    for line in text.splitlines():
        blank = not line.strip()
        # A footnote runs to a blank line, or to a new page, whose first line starts with a space.
        if in_footnote and (blank or line.startswith(" ")):
            in_footnote = False
        if in_footnote:
            pass
        elif previous_blank and FOOTNOTE.match(line):
            in_footnote = True
        elif not (URL_LINE.match(line) or PAGE_NUMBER.match(line)):
            body.append(line)
        previous_blank = blank
    text = "\n".join(body)
    text = re.sub(r"(?<=[A-Za-z])-\n\s*(?=[a-z])", "-", text)  # "VNG-" / "randvoorwaarden"
    text = re.sub(r"\bCO\s*\nA\b", "COA", text)  # 000: "CO" / "A"
    text = FOOTNOTE_MARKER.sub("", text)
    return " ".join(text.split())


def unquoted_part(quote: str, text: str) -> str | None:
    """The first part of ``quote`` (split at "[…]") not found, in order, in ``text``."""
    position = 0
    for part in quote.split("[…]"):
        part = " ".join(part.split())
        if not part:
            continue
        found = text.find(part, position)
        if found < 0:
            return part
        position = found + len(part)
    return None
