"""The public progress site: read-only, no login, only what is published.

Each view fetches what its template shows in a fixed number of queries (counts are
aggregated in SQL, related rows prefetched here), whatever the number of demands.
"""

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.db.models.functions import Coalesce, TruncDate
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from ledger.display import word

from . import charts, glossary
from .filters import DemandFilter, StatementFilter
from .history import value_on
from .models import (
    Demand,
    Indicator,
    Measurement,
    Meeting,
    Source,
    local_today,
)
from .progress import (
    counted,
    key_indicator,
    next_meeting,
    overall,
    per_addressee,
    per_source,
    per_theme,
    responses,
    statements,
)
from .public import (
    history,
    public_entries,
    published_demands,
    published_meetings,
    published_statements,
)

DEMANDS_PER_PAGE = 25
STATEMENTS_PER_PAGE = 25
LATEST_CHANGES = 8
# The overview lists what happened last, by the day it happened, not the day it was recorded.
LATEST_FIRST = [Coalesce("occurred_on", TruncDate("recorded_at")).desc(), "-seq"]


def overview(request):
    today = local_today()
    progress, overdue_count = overall(today)
    meeting = next_meeting(today)
    indicator = key_indicator(today)
    chart = latest = None
    if indicator:
        # Only figures of what was: a projection or a plan is never the latest figure.
        observed = list(indicator.measurements.observed().order_by("date"))
        chart = charts.line_chart(
            [(m.date, m.value) for m in observed], width=360, height=160, left=48
        )
        latest = observed[-1] if observed else None
    return render(
        request,
        "tracker/overview.html",
        {
            "progress": progress,
            "overdue_count": overdue_count,
            "responses": responses(),
            "statements": statements(),
            "themes": per_theme(),
            "addressees": per_addressee(),
            "next_meeting": meeting,
            "days_left": (meeting.local_date - today).days if meeting else None,
            "latest_changes": public_entries().order_by(*LATEST_FIRST)[:LATEST_CHANGES],
            "indicator": indicator,
            "chart": chart,
            "latest": latest,
            "status_order": charts.STATUS_ORDER,
            "response_order": charts.RESPONSE_ORDER,
        },
    )


def _filtered_page(request, filterset, per_page: int) -> tuple[dict, int]:
    """The context of a filtered, paginated list (the filter, the page and the query string
    that keeps the filters on every other page and export) and its status code.

    A filter value the form refuses (an unknown theme, a date that is none, a search too
    long) is shown with its error and no results: a 400, not everything unfiltered.
    """
    valid = filterset.is_valid()
    results = filterset.qs if valid else filterset.queryset.none()
    page = Paginator(results, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": filterset,
        "page": page,
        "query": query.urlencode(),
        "filtered": any(value for key, value in query.items()),
    }
    return context, 200 if valid else 400


def demand_list(request):
    demand_filter = DemandFilter(request.GET, queryset=published_demands())
    context, status = _filtered_page(request, demand_filter, DEMANDS_PER_PAGE)
    # The list shows every document's demand; the figures count a repeated one once.
    results = context["page"].paginator.object_list
    context["repeats"] = results.filter(duplicate_of__isnull=False).count()
    return render(request, "tracker/demand_list.html", context, status=status)


def demand_detail(request, reference):
    demand = get_object_or_404(
        published_demands()
        .select_related("organisation", "duplicate_of__source")
        .prefetch_related(
            Prefetch("statements", queryset=published_statements()),
            Prefetch("meetings", queryset=Meeting.objects.published()),
            Prefetch("duplicates", queryset=Demand.objects.published().select_related("source")),
            Prefetch("overlaps", queryset=Demand.objects.published().select_related("source")),
            history(),
        ),
        reference=reference,
    )
    return render(request, "tracker/demand_detail.html", {"demand": demand})


def statement_detail(request, reference):
    statement = get_object_or_404(
        published_statements()
        .select_related("organisation")
        .prefetch_related(Prefetch("answers", queryset=published_demands()), history()),
        reference=reference,
    )
    return render(request, "tracker/statement_detail.html", {"statement": statement})


def statement_list(request):
    statements = (
        published_statements()
        .annotate(answered=Count("answers", filter=counted("answers__")))
        .order_by("reference")
    )
    statement_filter = StatementFilter(request.GET, queryset=statements)
    context, status = _filtered_page(request, statement_filter, STATEMENTS_PER_PAGE)
    return render(request, "tracker/statement_list.html", context, status=status)


def explanation(request):
    return render(request, "tracker/explanation.html", {"sections": glossary.sections()})


def source_list(request):
    return render(
        request,
        "tracker/source_list.html",
        {"sources": per_source(), "status_order": charts.STATUS_ORDER},
    )


def source_detail(request, slug):
    source = get_object_or_404(
        Source.objects.filter(is_published=True).prefetch_related(
            Prefetch("demands", queryset=published_demands()),
            Prefetch("statements", queryset=published_statements()),
            Prefetch("measurements", queryset=Measurement.objects.select_related("indicator")),
        ),
        slug=slug,
    )
    return render(request, "tracker/source_detail.html", {"source": source})


def meeting_list(request):
    today = local_today()
    meetings = published_meetings()
    return render(
        request,
        "tracker/meeting_list.html",
        {
            "upcoming": meetings.upcoming(today),
            "undated": meetings.filter(date__isnull=True),
            "past": meetings.past(today),
        },
    )


def meeting_detail(request, slug):
    meeting = get_object_or_404(
        Meeting.objects.published()
        .select_related("source")
        .prefetch_related(
            Prefetch(
                "demands",
                queryset=published_demands().prefetch_related(history()),
                to_attr="agenda",
            )
        ),
        slug=slug,
    )
    is_past = meeting.has_begun(timezone.now())
    if is_past:
        for demand in meeting.agenda:
            entries = demand.entries.all()
            demand.status_then = value_on("status", demand.status, entries, meeting.starts_at)
            demand.status_then_label = word("status", demand.status_then)
            demand.response_then = value_on("response", demand.response, entries, meeting.starts_at)
            demand.response_then_label = word("response", demand.response_then)
    return render(request, "tracker/meeting_detail.html", {"meeting": meeting, "is_past": is_past})


def indicator_list(request):
    indicators = list(
        Indicator.objects.prefetch_related(
            Prefetch("measurements", queryset=Measurement.objects.order_by("date"))
        )
    )
    for indicator in indicators:
        measurements = list(indicator.measurements.all())
        indicator.chart = _chart(measurements, width=360, height=160, left=48)
        observed = [m for m in measurements if m.is_observed]
        indicator.latest = observed[-1] if observed else None
    return render(request, "tracker/indicator_list.html", {"indicators": indicators})


def _chart(measurements: list[Measurement], **size) -> charts.LineChart:
    """Figures of what was as a line; projections and plans dashed, each labelled."""
    observed = [(m.date, m.value) for m in measurements if m.is_observed]
    expected = [
        (m.date, m.value, m.get_nature_display()) for m in measurements if not m.is_observed
    ]
    return charts.line_chart(observed, projected=expected, **size)


def indicator_detail(request, slug):
    indicator = get_object_or_404(
        Indicator.objects.prefetch_related(
            Prefetch(
                "measurements",
                queryset=Measurement.objects.select_related("source").order_by("date"),
            )
        ),
        slug=slug,
    )
    measurements = list(indicator.measurements.all())
    sources = list({m.source_id: m.source for m in measurements if m.source}.values())
    chart = _chart(measurements)
    return render(
        request,
        "tracker/indicator_detail.html",
        {"indicator": indicator, "measurements": measurements, "sources": sources, "chart": chart},
    )
