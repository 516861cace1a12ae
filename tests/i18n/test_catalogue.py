"""Every interface string has a Dutch translation, and the compiled catalogue is current."""

import gettext
import re
from pathlib import Path

from django.conf import settings

PO = Path(settings.BASE_DIR) / "locale" / "nl" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unquote(chunk: str) -> str:
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"', chunk)
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(0)), "".join(parts))


def catalogue_entries() -> list[dict]:
    """The .po file's entries (without the header) as flags, msgid and msgstr values."""
    entries = []
    for block in PO.read_text(encoding="utf-8").split("\n\n"):
        lines = block.strip().splitlines()
        flags = " ".join(line for line in lines if line.startswith("#,"))
        text = "\n".join(line for line in lines if not line.startswith("#"))
        msgid = re.search(r'^msgid ((?:".*"\n?)+)', text, re.M)
        if not msgid or not _unquote(msgid.group(1)):
            continue
        strings = re.findall(r"^msgstr(?:\[\d\])? ((?:\".*\"\n?)+)", text, re.M)
        entries.append(
            {
                "msgid": _unquote(msgid.group(1)),
                "plural": bool(re.search(r"^msgid_plural ", text, re.M)),
                "fuzzy": "fuzzy" in flags,
                "obsolete": block.lstrip().startswith("#~"),
                "msgstrs": [_unquote(chunk) for chunk in strings],
            }
        )
    return entries


def test_the_dutch_catalogue_has_no_untranslated_or_fuzzy_message():
    entries = catalogue_entries()
    assert len(entries) > 300
    untranslated = [e["msgid"] for e in entries if not all(e["msgstrs"]) or not e["msgstrs"]]
    fuzzy = [e["msgid"] for e in entries if e["fuzzy"]]
    assert untranslated == []
    assert fuzzy == []


def test_the_compiled_catalogue_holds_every_translation():
    with MO.open("rb") as stream:
        compiled = gettext.GNUTranslations(stream)
    missing = [
        e["msgid"]
        for e in catalogue_entries()
        if not e["plural"] and compiled.gettext(e["msgid"]) != e["msgstrs"][0]
    ]
    assert missing == [], "Run: manage.py compilemessages -l nl"
