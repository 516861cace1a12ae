"""The badges and bars every public page repeats (status, response, deadline, progress),
written in Python: the same markup the pages had from their includes, at a fraction of the
cost of an include in every table row."""

from html import escape

from django import template
from django.urls import reverse
from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ledger.history import last_recorded
from public_site import addresses
from tracker import wording
from tracker.models import Response, Status, local_today

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
def deadline(item, short=False, overdue=False, how_long=False):
    """An item's deadline: only a stated date is a date; the source's own words otherwise.
    ``overdue`` adds the overdue badge; ``how_long``, how long it has been overdue (on a
    page whose status already says so: a year later "overdue" alone reads as yesterday's)."""
    if item.deadline:
        shown = formats.date_format(item.deadline, "SHORT_DATE_FORMAT" if short else "DATE_FORMAT")
        html = format_html('<time datetime="{}">{}</time>', item.deadline.isoformat(), shown)
        if item.deadline_text:
            html += format_html(' <span class="muted" lang="nl">(“{}”)</span>', item.deadline_text)
        if overdue:
            html += format_html(' <span class="badge overdue">{}</span>', _("Overdue"))
        if how_long:
            late = timesince(item.deadline, local_today(), depth=1)
            html += format_html(
                ' <span class="muted">({})</span>', _("overdue for %(time)s") % {"time": late}
            )
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
    """A stacked bar of ``segments`` (``public_site.charts.segments``) as SVG, with its counts in
    words for screen readers; ``prefix`` is "response-" for a bar of responses."""
    return _bar(segments, escape(str(label)), prefix, _segment_words())


def _choice_names() -> dict:
    """Each status's and response's name in the active language: looked up once for a
    page's dozens of rows or bars, not once for each (``get_status_display`` builds a
    dictionary of every choice each time)."""
    return {choice: str(choice.label) for choice in (*Status, *Response)}


def _segment_words() -> dict:
    """``_choice_names``, escaped."""
    return {choice: escape(name) for choice, name in _choice_names().items()}


def _bar(segments, label: str, prefix: str, words: dict) -> str:
    # The segments' own values (a status, numbers) need no escaping; ``label`` and
    # ``words`` come escaped.
    counts = ", ".join(f"{words[segment.status]} {segment.count}" for segment in segments)
    rects = "".join(
        f'<rect x="{segment.x}" y="0" width="{segment.width}" height="4" '
        f'class="bar-{prefix}{segment.status}"><title>{words[segment.status]}: '
        f"{segment.count}</title></rect>"
        for segment in segments
    )
    return mark_safe(
        '\n<svg class="progress" viewBox="0 0 100 4" preserveAspectRatio="none" role="img" '
        f'aria-label="{label}: {counts or escape(_("no demands"))}">\n'
        '  <rect x="0" y="0" width="100" height="4" class="bar-empty"/>'
        f"\n  {rects}\n</svg>"
    )


@register.simple_tag
def progress_bars(rows, parameter: str):
    """The overview's bars, one per theme or addressee (``rows``, each with its
    ``progress``), each named and linked to its demands by the filter ``parameter``."""
    demands_url = reverse("tracker:demand_list")
    words = _segment_words()
    items = []
    for row in rows:
        progress, name = row.progress, escape(str(row.name))
        achieved = ngettext(
            "%(share)s%% of %(total)s demand achieved",
            "%(share)s%% of %(total)s demands achieved",
            progress.total,
        ) % {"share": progress.share_achieved, "total": formats.localize(progress.total)}
        # Written as format_html would, each value escaped, without its cost seventy times.
        items.append(
            f'<li><p class="bar-label"><a href="{demands_url}?{parameter}={escape(row.slug)}">'
            f'{name}</a> <span class="muted">{escape(achieved)}</span></p>\n      '
            f"{_bar(progress.segments, name, '', words)}</li>\n"
        )
    return mark_safe("".join(items))


@register.simple_tag
def demand_rows(demands):
    """The rows of a table of demands (``tracker/includes/demand_table.html``): reference,
    title with who raised it and which demand it repeats, addressees, deadline, status and
    response, each cell labelled for the narrow layout."""
    labels = {
        "reference": _("Reference"),
        "demand": _("Demand"),
        "addressees": _("Addressed to"),
        "deadline": _("Deadline"),
        "status": _("Status"),
        "response": _("Response"),
    }
    names, page = _choice_names(), addresses.of_pages("tracker:demand_detail")
    rows = []
    for demand in demands:
        url = page(demand.reference)
        notes = []
        if demand.raised_by:
            notes.append(_("Raised by %(actor)s") % {"actor": demand.raised_by.name})
        if demand.duplicate_of and demand.duplicate_of.is_published:
            notes.append(
                _("Same demand as %(reference)s") % {"reference": demand.duplicate_of.reference}
            )
        note = (
            format_html('<span class="row-note muted">{}</span>', " · ".join(notes))
            if notes
            else ""
        )
        addressees = ", ".join(actor.name for actor in demand.addressee_list) or "–"
        rows.append(
            _row(
                (labels["reference"], _link(url, demand.reference)),
                (labels["demand"], format_html("{}\n        {}", _link(url, demand.title), note)),
                (labels["addressees"], addressees),
                (labels["deadline"], deadline(demand, short=True, overdue=demand.overdue)),
                (labels["status"], status_badge(demand.status, names[demand.status])),
                (
                    labels["response"],
                    response_badge(demand.response, names[demand.response], on=demand.responded_on),
                ),
            )
        )
    return mark_safe("".join(rows))


@register.simple_tag
def meeting_items(meetings):
    """A list of meetings (each annotated with its ``agenda_size``): title, when, where,
    which kind, and how many demands are on its agenda."""
    items = []
    for meeting in meetings:
        when = wording.when(meeting)
        if meeting.date:
            when = format_html('<time datetime="{}">{}</time>', wording.when_iso(meeting), when)
        place = format_html(", {}", meeting.place) if meeting.place else ""
        agenda = ngettext(
            "%(count)s demand on the agenda", "%(count)s demands on the agenda", meeting.agenda_size
        ) % {"count": formats.localize(meeting.agenda_size)}
        items.append(
            format_html(
                '\n  <li><a href="{}">{}</a>\n    <span class="muted">{}{} · {} · {}</span></li>',
                meeting.get_absolute_url(),
                meeting.title,
                when,
                place,
                meeting.get_kind_display(),
                agenda,
            )
        )
    if not items:
        items.append(format_html("<li>{}</li>", _("None.")))
    return format_html('<ul class="plain meetings">{}\n</ul>', mark_safe("".join(items)))


@register.simple_tag
def kind_badge(statement, explain=False):
    """A statement's nature; a withdrawn promise shown as one. ``explain`` links it to the
    explanation of that nature."""
    if statement.is_withdrawn_promise:
        css, anchor = "badge kind kind-withdrawn", "kind-withdrawn-promise"
    else:
        css, anchor = f"badge kind kind-{statement.kind}", f"kind-{statement.kind}"
    return _explained(css, anchor, wording.nature(statement), explain)


@register.simple_tag
def withdrawal(record):
    """When and in which document a promise was withdrawn (``ledger.history.Record``)."""
    if not record:
        return ""
    day = formats.date_format(record.happened_on, "DATE_FORMAT")
    where = format_html(", {} {}", _("in"), document(record.source)) if record.source else ""
    return format_html(
        '<span class="withdrawal">{}{}</span>',
        _("withdrawn on %(day)s") % {"day": day},
        where,
    )


@register.simple_tag
def statement_rows(statements):
    """The rows of the table of statements: reference, title with its document and day,
    nature, who made it, the status of a promise, and how many demands it answers."""
    labels = {
        "reference": _("Reference"),
        "statement": _("Statement"),
        "nature": _("Nature"),
        "made_by": _("Made by"),
        "status": _("Status of a promise"),
        "answers": _("Answers"),
    }
    not_a_promise = format_html('<span class="muted">{}</span>', _("not a promise"))
    names, page = _choice_names(), addresses.of_pages("tracker:statement_detail")
    rows = []
    for statement in statements:
        url = page(statement.reference)
        made = statement.source.title
        if statement.made_on:
            made = f"{made}, {wording.made_on(statement)}"
        if statement.is_withdrawn_promise:
            status = withdrawal(last_recorded(statement.status_changes, "status"))
        elif statement.is_promise:
            status = status_badge(
                statement.status, names[statement.status], overdue=statement.overdue
            )
            if statement.deadline or statement.deadline_text:
                status = format_html(
                    '{} <span class="row-note muted">{}</span>',
                    status,
                    deadline(statement, short=True),
                )
        else:
            status = not_a_promise
        answers = ngettext("%(count)s demand", "%(count)s demands", statement.answered) % {
            "count": formats.localize(statement.answered)
        }
        rows.append(
            _row(
                (labels["reference"], _link(url, statement.reference)),
                (
                    labels["statement"],
                    format_html(
                        '{}\n        <span class="row-note muted">{}</span>',
                        _link(url, statement.title),
                        made,
                    ),
                ),
                (labels["nature"], kind_badge(statement)),
                (labels["made_by"], statement.actor.name),
                (labels["status"], status),
                (labels["answers"], answers),
            )
        )
    return mark_safe("".join(rows))


def document(source) -> str:
    """A document named by its title, linked to its page when that page is public."""
    if source.is_published:
        return _link(source.get_absolute_url(), source.title)
    return source.title


def _link(url: str, text) -> str:
    return format_html('<a href="{}">{}</a>', url, text)


def _row(*cells) -> str:
    """A table row of ``(column name, content)`` cells, each cell named by its column
    (``data-label``) for the narrow layout, where the table's head is hidden."""
    return format_html(
        "\n    <tr>\n{}    </tr>",
        format_html_join("", '      <td data-label="{}">{}</td>\n', cells),
    )


@register.simple_tag
def agenda_rows(demands, is_past: bool):
    """The rows of a meeting's agenda: each demand, with its status and response on the day
    of a meeting held (``status_then``, ``response_then``), and now."""
    names, page = _choice_names(), addresses.of_pages("tracker:demand_detail")
    rows = []
    for demand in demands:
        title = _link(page(demand.reference), f"{demand.reference} {demand.title}")
        if demand.duplicate_of and demand.duplicate_of.is_published:
            title = format_html(
                '{} <span class="row-note muted">{}</span>',
                title,
                _("Same demand as %(reference)s") % {"reference": demand.duplicate_of.reference},
            )
        cells = [(_("Demand"), title)]
        if is_past:
            cells += [
                (
                    _("Status on the day"),
                    status_badge(demand.status_then, demand.status_then_label),
                ),
                (
                    _("Response on the day"),
                    response_badge(demand.response_then, demand.response_then_label),
                ),
            ]
        cells += [
            (
                _("Status now"),
                status_badge(demand.status, names[demand.status], overdue=demand.overdue),
            ),
            (
                _("Response now"),
                response_badge(demand.response, names[demand.response], on=demand.responded_on),
            ),
        ]
        rows.append(_row(*cells))
    return mark_safe("".join(rows))
