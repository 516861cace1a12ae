"""The badges every public page repeats (status, response, deadline), written in Python:
the same markup the pages had from their includes, at a fraction of the cost of an include
in every table row."""

from django import template
from django.urls import reverse
from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


def _explained(css: str, anchor: str, label, explain: bool):
    if explain:
        url = reverse("tracker:explanation")
        return format_html('<a class="{}" href="{}#{}">{}</a>', css, url, anchor, label)
    return format_html('<span class="{}">{}</span>', css, label)


@register.simple_tag
def status_badge(status, label, overdue=False, explain=False):
    """A status; ``overdue`` adds the overdue badge; ``explain`` links both to their meaning."""
    badge = _explained(f"badge status-{status}", f"status-{status}", label, explain)
    if overdue:
        badge += mark_safe(" ") + _explained("badge overdue", "overdue", _("Overdue"), explain)
    return badge


@register.simple_tag
def response_badge(response, label, on=None, explain=False):
    """A response, with its day (``on``) when there is one."""
    badge = _explained(
        f"badge response response-{response}", f"response-{response}", label, explain
    )
    if on:
        badge += format_html(
            ' <time class="muted" datetime="{}">{}</time>',
            on.isoformat(),
            formats.date_format(on, "SHORT_DATE_FORMAT"),
        )
    return badge


@register.simple_tag
def deadline(item, short=False, overdue=False):
    """An item's deadline: only a stated date is a date; the source's own words otherwise."""
    if item.deadline:
        shown = formats.date_format(item.deadline, "SHORT_DATE_FORMAT" if short else "DATE_FORMAT")
        html = format_html('<time datetime="{}">{}</time>', item.deadline.isoformat(), shown)
        if item.deadline_text:
            html += format_html(' <span class="muted" lang="nl">(“{}”)</span>', item.deadline_text)
        if overdue:
            html += format_html(' <span class="badge overdue">{}</span>', _("Overdue"))
        return html
    if item.deadline_text:
        return format_html(
            '<span class="source-words" lang="nl">“{}”</span> <span class="muted">— {}</span>',
            item.deadline_text,
            _("no date given"),
        )
    return "–"


@register.simple_tag
def progress_bar(segments, label, prefix=""):
    """A stacked bar of ``segments`` (``tracker.charts.segments``) as SVG, with its counts in
    words for screen readers; ``prefix`` is "response-" for a bar of responses."""
    counts = ", ".join(f"{segment.label} {segment.count}" for segment in segments)
    rects = format_html_join(
        "",
        '<rect x="{}" y="0" width="{}" height="4" class="bar-{}{}"><title>{}: {}</title></rect>',
        ((_number(s.x), _number(s.width), prefix, s.status, s.label, s.count) for s in segments),
    )
    return format_html(
        '\n<svg class="progress" viewBox="0 0 100 4" preserveAspectRatio="none" role="img" '
        'aria-label="{}: {}">\n  <rect x="0" y="0" width="100" height="4" class="bar-empty"/>'
        "\n  {}\n</svg>",
        label,
        counts or _("no demands"),
        rects,
    )


def _number(value) -> str:
    """A coordinate as SVG reads it: a dot for decimals, whatever the language."""
    return str(value)
