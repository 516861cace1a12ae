"""The public progress site: read-only, no login, only what is published.

Each view fetches what its template shows in a fixed number of queries (counts are
aggregated in SQL, related rows prefetched here), whatever the number of demands.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, F, Max, Prefetch, Q
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from . import charts
from .filters import DemandFilter
from .history import status_on
from .models import (
    Actor,
    Commitment,
    Demand,
    Indicator,
    Measurement,
    Meeting,
    Source,
    Status,
    StatusChange,
    Theme,
    local_today,
    overdue_q,
)

DEMANDS_PER_PAGE = 25
LATEST_CHANGES = 8


def published_demands():
    """Published demands with what a list row shows: overdue flag, source, addressees, themes."""
    return (
        Demand.objects.published()
        .with_overdue()
        .select_related("source")
        .prefetch_related("addressees", "themes")
    )


def public_entries():
    """Ledger entries of published demands, newest first, with their demand."""
    return (
        StatusChange.objects.filter(demand__is_published=True)
        .select_related("demand")
        .order_by("-created_at", "-id")
    )


def _status_counts(prefix: str = "", extra: Q | None = None) -> dict[str, Count]:
    """One ``Count`` per status, of published demands (reached through ``prefix``)."""
    published = Q(**{f"{prefix}is_published": True}) & (extra or Q())
    return {
        f"n_{status}": Count(f"{prefix}id", filter=published & Q(**{f"{prefix}status": status}))
        for status in Status
    }


def _counts_of(row) -> dict[str, int]:
    get = row.get if isinstance(row, dict) else lambda key: getattr(row, key)
    return {status: get(f"n_{status}") or 0 for status in Status}


def _with_progress(rows):
    """Attach per-status counts, total, achieved share and bar segments to annotated rows."""
    result = []
    for row in rows:
        counts = _counts_of(row)
        row.total = sum(counts.values())
        if not row.total:
            continue
        row.share_achieved = charts.share(counts[Status.ACHIEVED], row.total)
        row.segments = charts.segments(counts)
        result.append(row)
    return result


def overview(request):
    today = local_today()
    figures = Demand.objects.aggregate(
        **_status_counts(),
        overdue=Count("id", filter=Q(is_published=True) & overdue_q(today)),
    )
    counts = _counts_of(figures)
    total = sum(counts.values())
    themes = _with_progress(Theme.objects.annotate(**_status_counts("demands__")))
    addressees = _with_progress(Actor.objects.annotate(**_status_counts("demands__")))
    next_meeting = (
        Meeting.objects.filter(starts_at__gte=timezone.now())
        .annotate(**_status_counts("demands__"))
        .order_by("starts_at")
        .first()
    )
    if next_meeting:
        next_meeting.agenda_counts = _counts_of(next_meeting)
        next_meeting.agenda_total = sum(next_meeting.agenda_counts.values())
        next_meeting.segments = charts.segments(next_meeting.agenda_counts)
        next_meeting.days_left = (next_meeting.local_date - today).days
    # The key figure: the one settings name, else the one measured most often, then latest.
    indicator = (
        Indicator.objects.annotate(
            measured=Count("measurements"),
            latest=Max("measurements__date", filter=Q(measurements__date__lte=today)),
            is_key=Q(slug=settings.KEY_INDICATOR),
        )
        .filter(measured__gt=0)
        .order_by("-is_key", "-measured", F("latest").desc(nulls_last=True), "name_nl")
        .first()
    )
    chart = None
    if indicator:
        measurements = list(indicator.measurements.order_by("date"))
        chart = charts.line_chart(
            [(m.date, m.value) for m in measurements], width=360, height=160, left=48
        )
    return render(
        request,
        "tracker/overview.html",
        {
            "total": total,
            "counts": [(status, counts[status]) for status in charts.STATUS_ORDER],
            "segments": charts.segments(counts),
            "share_achieved": charts.share(counts[Status.ACHIEVED], total),
            "overdue_count": figures["overdue"],
            "themes": themes,
            "addressees": addressees,
            "next_meeting": next_meeting,
            "latest_changes": public_entries()[:LATEST_CHANGES],
            "indicator": indicator,
            "chart": chart,
            "status_order": charts.STATUS_ORDER,
        },
    )


def demand_list(request):
    demand_filter = DemandFilter(request.GET, queryset=published_demands())
    page = Paginator(demand_filter.qs, DEMANDS_PER_PAGE).get_page(request.GET.get("page"))
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
    )


def demand_detail(request, reference):
    demand = get_object_or_404(
        published_demands()
        .select_related("organisation")
        .prefetch_related(
            Prefetch(
                "commitments",
                queryset=Commitment.objects.published().with_overdue().select_related("actor"),
            ),
            "meetings",
            Prefetch("status_changes", queryset=StatusChange.objects.order_by("created_at", "id")),
        ),
        reference=reference,
    )
    return render(request, "tracker/demand_detail.html", {"demand": demand})


def source_list(request):
    sources = Source.objects.annotate(
        **_status_counts("demands__"),
        commitment_count=Count("commitments", filter=Q(commitments__is_published=True)),
    )
    return render(
        request,
        "tracker/source_list.html",
        {"sources": _with_sources(sources), "status_order": charts.STATUS_ORDER},
    )


def _with_sources(sources):
    result = []
    for source in sources:
        counts = _counts_of(source)
        source.total = sum(counts.values())
        source.segments = charts.segments(counts)
        result.append(source)
    return result


def source_detail(request, slug):
    source = get_object_or_404(
        Source.objects.prefetch_related(
            Prefetch("demands", queryset=published_demands()),
            Prefetch(
                "commitments",
                queryset=Commitment.objects.published().with_overdue().select_related("actor"),
            ),
            Prefetch("measurements", queryset=Measurement.objects.select_related("indicator")),
        ),
        slug=slug,
    )
    return render(request, "tracker/source_detail.html", {"source": source})


def meeting_list(request):
    now = timezone.now()
    meetings = Meeting.objects.annotate(
        agenda_size=Count("demands", filter=Q(demands__is_published=True))
    )
    return render(
        request,
        "tracker/meeting_list.html",
        {
            "upcoming": [m for m in meetings if m.starts_at >= now],
            "past": sorted(
                (m for m in meetings if m.starts_at < now), key=lambda m: m.starts_at, reverse=True
            ),
        },
    )


def meeting_detail(request, slug):
    meeting = get_object_or_404(
        Meeting.objects.select_related("source").prefetch_related(
            Prefetch(
                "demands",
                queryset=published_demands().prefetch_related("status_changes"),
                to_attr="agenda",
            )
        ),
        slug=slug,
    )
    for demand in meeting.agenda:
        demand.status_then = status_on(
            demand.status, demand.status_changes.all(), meeting.starts_at
        )
        demand.status_then_label = Status(demand.status_then).label
    return render(
        request,
        "tracker/meeting_detail.html",
        {"meeting": meeting, "is_past": meeting.starts_at < timezone.now()},
    )


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
