"""The figures' pictures and tables (``public_site.charts.LineChart``, measurements), written in
Python: the figures list draws a dozen charts and a figure's page a row per measurement, and
the template language cost more than everything else on those pages together.

Coordinates are written as SVG reads them (a dot for decimals, in any language); the values
and dates a reader sees are written in the active language.
"""

from django import template
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import formats
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from public_site.charts import LineChart
from tracker import wording

register = template.Library()


def _value(value) -> str:
    return floatformat(value, "-2g")


def _day(day) -> str:
    return formats.date_format(day, "DATE_FORMAT")


@register.simple_tag
def line_chart(chart: LineChart, label) -> str:
    """``chart`` as an SVG figure named ``label``, described in words for screen readers:
    where its line starts and ends, and each projected or planned figure."""
    if not (chart.points or chart.projected):
        return format_html("<p>{}</p>", _("No figures yet."))
    described = ""
    if chart.points:
        described = _("from %(first)s on %(first_date)s to %(last)s on %(last_date)s") % {
            "first": _value(chart.first.value),
            "first_date": _day(chart.first.date),
            "last": _value(chart.last.value),
            "last_date": _day(chart.last.date),
        }
    described += "".join(
        f"; {str(point.label).lower()}: {_value(point.value)} ({_day(point.date)})"
        for point in chart.projected
    )
    parts = [
        '<figure class="chart-figure">\n'
        f'<svg class="chart" viewBox="0 0 {chart.width} {chart.height}" role="img" '
        f'aria-label="{escape(label)}: {escape(described)}">\n'
    ]
    for tick in chart.ticks:
        parts.append(
            f'  <line x1="{chart.left}" x2="{chart.width}" y1="{tick.y}" y2="{tick.y}" '
            'class="grid"/>\n'
            f'  <text x="{chart.left - 6}" y="{tick.y}" class="tick" text-anchor="end" '
            f'dominant-baseline="middle">{escape(_value(tick.value))}</text>\n'
        )
    if chart.points:
        parts.append(f'  <path d="{chart.path}" class="line" fill="none"/>\n')
    if chart.projected:
        parts.append(
            f'  <path d="{chart.projected_path}" class="line projected" fill="none" '
            'stroke-dasharray="6 4"/>\n'
        )
    for point in chart.dots:
        parts.append(
            f'  <circle cx="{point.x}" cy="{point.y}" r="4" class="dot"><title>'
            f"{escape(_day(point.date))}: {escape(_value(point.value))}</title></circle>\n"
        )
    for point in chart.projected:
        parts.append(
            f'  <circle cx="{point.x}" cy="{point.y}" r="4" class="dot projected"><title>'
            f"{escape(_day(point.date))}: {escape(_value(point.value))} "
            f"({escape(point.label)})</title></circle>\n"
        )
    for point, anchor in chart.projected_labels:
        # As the template's ``add`` filter placed it: nine units above the point, whole.
        parts.append(
            f'  <text x="{point.x}" y="{int(point.y) - 9}" class="tick projected-label" '
            f'text-anchor="{anchor}">{escape(point.label)}</text>\n'
        )
    start, end = chart.start, chart.end
    parts.append(
        f'  <text x="{start.x}" y="{chart.height - 6}" class="tick" text-anchor="start">'
        f"{escape(formats.date_format(start.date, 'YEAR_MONTH_FORMAT'))}</text>\n"
    )
    if end != start:
        parts.append(
            f'  <text x="{end.x}" y="{chart.height - 6}" class="tick" text-anchor="end">'
            f"{escape(formats.date_format(end.date, 'YEAR_MONTH_FORMAT'))}</text>\n"
        )
    parts.append("</svg>\n")
    if chart.projected:
        line = ""
        if chart.points:
            line = format_html(
                '<span class="key key-line" aria-hidden="true"></span> {} ',
                _("counted or estimated"),
            )
        parts.append(
            format_html(
                '<figcaption class="chart-legend">{}<span class="key key-projected" '
                'aria-hidden="true"></span> {}</figcaption>\n',
                line,
                _("projection or plan: not a measurement"),
            )
        )
    parts.append("</figure>")
    return mark_safe("".join(parts))


@register.simple_tag
def measurement_rows(measurements, unit) -> str:
    """The rows of a figure's table of measurements: day, value, nature and document, a
    projection or a plan marked as one."""
    rows = []
    for measurement in measurements:
        observed = measurement.is_observed
        nature = measurement.get_nature_display()
        if not observed:
            nature = format_html(
                '<span class="badge nature nature-{}">{}</span>', measurement.nature, nature
            )
        source = "–"
        if measurement.source:
            source = format_html(
                '<a href="{}">{}</a>',
                reverse("tracker:source_detail", args=[measurement.source.slug]),
                measurement.source.title,
            )
        if measurement.note:
            source = format_html('{} <span class="muted">{}</span>', source, measurement.note)
        rows.append(
            format_html(
                '\n    <tr{}><td><time datetime="{}">{}</time></td>\n'
                '      <td class="num">{} {}</td>\n'
                "      <td>{}</td>\n"
                "      <td>{}</td></tr>",
                "" if observed else mark_safe(' class="projected"'),
                measurement.date.isoformat(),
                wording.measured_on(measurement),
                wording.measured(measurement),
                unit,
                nature,
                source,
            )
        )
    return mark_safe("".join(rows))
