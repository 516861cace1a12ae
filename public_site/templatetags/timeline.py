"""An item's public history (its ledger entries, from ``public_site.visible.history``), written in
Python: an item's page shows every entry of it, and the template language cost more than
the rest of the page.

Each entry says when it happened and what it recorded in readers' words, quotes its
document, links its evidence and the entries it corrects or that correct it, and ends with
its place in the chain.
"""

from collections import defaultdict

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from ledger import display
from ledger.history import happened_on

from .badges import document, response_badge, status_badge

register = template.Library()


@register.simple_tag
def timeline(entries) -> str:
    """The ``<li>`` of each of ``entries`` (all of an item's, oldest first: those that
    correct one are among them)."""
    corrections = defaultdict(list)
    for entry in entries:
        if entry.corrects_id:
            corrections[entry.corrects_id].append(entry)
    return mark_safe("".join(_entry(entry, corrections[entry.pk]) for entry in entries))


def _change(entry, change: display.Change) -> str:
    kind, field = entry.kind, change.field
    to = format_html(
        ' <span aria-hidden="true">→</span><span class="visually-hidden">{}</span>', _("to")
    )
    if field == "status":
        old, new = entry.changes["status"]
        before = status_badge(old, change.old) + to if old else ""
        return format_html("{} {}", before, status_badge(new, change.new))
    if field == "response":
        old, new = entry.changes["response"]
        before = response_badge(old, change.old) + to if old and old != "none" else ""
        return format_html("{} {}", before, response_badge(new, change.new))
    if field == "responded_on" and kind == "response":
        return format_html("{} {}", _("Answered on"), change.new)
    if kind in ("revised", "correction"):
        before = format_html("<del>{}</del> → ", change.old) if change.old != "–" else ""
        return format_html("{}: {}<ins>{}</ins>", capfirst(change.label), before, change.new)
    return format_html("{}: {} → {}", capfirst(change.label), change.old, change.new)


def _entry(entry, corrections: list) -> str:
    happened = happened_on(entry)
    if entry.kind == "revised":
        what = format_html("<strong>{}</strong>", _("Text corrected"))
        if entry.public_note:
            what += format_html(' <span class="reason">({})</span>', entry.public_note)
    else:
        what = format_html("<strong>{}</strong>", entry.get_kind_display())
    parts = [
        format_html(
            '<li class="entry entry-{}{}" id="entry-{}">\n  <p class="entry-head">\n'
            '    <time datetime="{}">{}</time>\n    {}\n  </p>\n',
            entry.kind,
            " corrected" if corrections else "",
            entry.seq,
            happened.isoformat(),
            formats.date_format(happened, "DATE_FORMAT"),
            what,
        )
    ]
    if entry.kind == "created":
        if entry.source:
            parts.append(
                format_html("  <p>{} {}.</p>\n", _("Entered from"), document(entry.source))
            )
    else:
        parts.append(
            format_html(
                '  <ul class="entry-changes">\n{}  </ul>\n',
                format_html_join(
                    "",
                    "    <li>{}</li>\n",
                    ((_change(entry, change),) for change in display.changes(entry)),
                ),
            )
        )
    if entry.quote:
        parts.append(
            format_html(
                '  <blockquote lang="nl"><p>{}</p></blockquote>\n', linebreaksbr(entry.quote)
            )
        )
    if entry.source and entry.kind != "created":
        parts.append(
            format_html('  <p class="muted">{}: {}</p>\n', _("Document"), document(entry.source))
        )
    if entry.public_note and entry.kind != "revised":
        parts.append(format_html("  <p>{}</p>\n", linebreaksbr(entry.public_note)))
    if entry.evidence_url:
        parts.append(
            format_html(
                '  <p><a href="{}" rel="noopener">{}</a></p>\n', entry.evidence_url, _("Evidence")
            )
        )
    if entry.corrects:
        parts.append(
            format_html(
                '  <p class="correction-link"><a href="#entry-{}">{}</a>.</p>\n',
                entry.corrects.seq,
                _("Corrects entry #%(seq)s") % {"seq": entry.corrects.seq},
            )
        )
    for correction in corrections:
        note = format_html(": {}", correction.public_note) if correction.public_note else ""
        parts.append(
            format_html(
                '  <p class="correction-link"><a href="#entry-{}">{}</a>{}</p>\n',
                correction.seq,
                _("Corrected by entry #%(seq)s") % {"seq": correction.seq},
                note,
            )
        )
    recorded = timezone.localtime(entry.recorded_at)
    parts.append(
        format_html(
            '  <p class="hash"><span>{} <time datetime="{}">{}</time> · {}:</span> '
            '<code>{}</code> <a href="#entry-{}">{}</a></p>\n</li>',
            _("Entry #%(seq)s, recorded") % {"seq": entry.seq},
            recorded.isoformat(),
            formats.date_format(recorded, "DATETIME_FORMAT"),
            _("Chain hash"),
            entry.entry_hash,
            entry.seq,
            _("Link to this entry"),
        )
    )
    return "".join(parts)
