"""The public progress site: read-only, no login, only what is published.

Each view fetches what its template shows in a fixed number of queries (counts are
aggregated in SQL, related rows prefetched here), whatever the number of demands.
"""

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from ledger.display import word

from . import charts
from .filters import DemandFilter
from .history import status_on
from .models import (
    Demand,
    Indicator,
    Measurement,
    Meeting,
    Source,
    local_today,
)
from .progress import key_indicator, next_meeting, overall, per_addressee, per_source, per_theme
from .public import history, public_entries, published_demands, published_statements

DEMANDS_PER_PAGE = 25
LATEST_CHANGES = 8


def overview(request):
    today = local_today()
    progress, overdue_count = overall(today)
    meeting = next_meeting(today)
    indicator = key_indicator(today)
    chart = None
    if indicator:
        series = indicator.measurements.observed().order_by("date").values_list("date", "value")
        chart = charts.line_chart(list(series), width=360, height=160, left=48)
    return render(
        request,
        "tracker/overview.html",
        {
            "progress": progress,
            "overdue_count": overdue_count,
            "themes": per_theme(),
            "addressees": per_addressee(),
            "next_meeting": meeting,
            "days_left": (meeting.local_date - today).days if meeting else None,
            "latest_changes": public_entries()[:LATEST_CHANGES],
            "indicator": indicator,
            "chart": chart,
            "status_order": charts.STATUS_ORDER,
        },
    )


def demand_list(request):
    demand_filter = DemandFilter(request.GET, queryset=published_demands())
    # A filter value the form refuses (an unknown theme, a date that is none, a search too
    # long) is shown with its error and no results: a 400, not everything unfiltered.
    valid = demand_filter.is_valid()
    demands = demand_filter.qs if valid else demand_filter.queryset.none()
    page = Paginator(demands, DEMANDS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "tracker/demand_list.html",
        {
            "filter": demand_filter,
            "page": page,
            "query": query.urlencode(),
            "filtered": any(value for key, value in query.items()),
        },
        status=200 if valid else 400,
    )


def demand_detail(request, reference):
    demand = get_object_or_404(
        published_demands()
        .select_related("organisation", "duplicate_of")
        .prefetch_related(
            Prefetch("statements", queryset=published_statements()),
            Prefetch("meetings", queryset=Meeting.objects.published()),
            Prefetch("duplicates", queryset=Demand.objects.published()),
            Prefetch("overlaps", queryset=Demand.objects.published()),
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
    meetings = Meeting.objects.published().annotate(
        agenda_size=Count("demands", filter=Q(demands__is_published=True))
    )
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
            demand.status_then = status_on(demand.status, demand.entries.all(), meeting.starts_at)
            demand.status_then_label = word("status", demand.status_then)
    return render(request, "tracker/meeting_detail.html", {"meeting": meeting, "is_past": is_past})


def indicator_list(request):
    indicators = list(
        Indicator.objects.prefetch_related(
            Prefetch("measurements", queryset=Measurement.objects.order_by("date"))
        )
    )
    for indicator in indicators:
        series = [(m.date, m.value) for m in indicator.measurements.all()]
        indicator.chart = charts.line_chart(series, width=360, height=160, left=48)
    return render(request, "tracker/indicator_list.html", {"indicators": indicators})


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
    chart = charts.line_chart([(m.date, m.value) for m in measurements])
    return render(
        request,
        "tracker/indicator_detail.html",
        {"indicator": indicator, "measurements": measurements, "sources": sources, "chart": chart},
    )
