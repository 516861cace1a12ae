"""The public progress site: read-only, no login, only what is published.

Each view fetches what its template shows in a fixed number of queries (counts are
aggregated in SQL, related rows prefetched here), whatever the number of demands.
"""

from collections import defaultdict

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from ledger.display import word
from ledger.history import value_on
from ledger.models import Entry
from tracker.models import (
    Demand,
    Indicator,
    Measurement,
    Meeting,
    Source,
    Statement,
    local_today,
)

from . import charts, glossary
from .filters import DemandFilter, StatementFilter
from .progress import (
    coalition_figures,
    counted,
    last_meeting,
    next_meeting,
    per_source,
    with_progress,
)
from .visible import (
    history,
    listed_demands,
    public_entries,
    published_meetings,
    published_statements,
    value_changes,
)

DEMANDS_PER_PAGE = 25
STATEMENTS_PER_PAGE = 25
LATEST_CHANGES = 8
# The overview lists what happened last, by the day it happened, among the entries recorded
# last: reading the newest few by number keeps it one indexed query at any ledger's length.
LATEST_CANDIDATES = 100
SOURCES_PER_PAGE = 30
PAST_MEETINGS_PER_PAGE = 20
INDICATORS_PER_PAGE = 12
OBSERVED = {nature.value for nature in Measurement.Nature.observed()}


def latest_changes() -> list:
    """The most recent public ledger entries of published items, for the overview."""
    # The candidates are read as plain rows, and only the few shown as entries with their
    # items: a hundred entries with their demands, statements and documents cost more to
    # build than the rest of the overview.
    candidates = public_entries().values_list("pk", "occurred_on", "recorded_at", "seq")
    newest = sorted(
        candidates[:LATEST_CANDIDATES],
        key=lambda row: (row[1] or timezone.localdate(row[2]), row[3]),
        reverse=True,
    )[:LATEST_CHANGES]
    # Public by the query that chose them: read with the items a line names, no more.
    shown = Entry.objects.select_related("demand", "statement", "corrects").in_bulk(
        [row[0] for row in newest]
    )
    return [shown[row[0]] for row in newest]


def overview(request):
    """The home page: progress in figures, what is overdue, the next meeting, the latest changes."""
    today = local_today()
    figures = coalition_figures(today)
    meeting = next_meeting(today)
    indicator = figures["key_indicator"]
    chart = latest = None
    if indicator:
        # Only figures of what was: a projection or a plan is never the latest figure.
        observed = _measurements(indicator.measurements.observed())
        chart = _chart(observed, width=360, height=160, left=48)
        latest = _measurement(indicator, observed[-1]) if observed else None
    return render(
        request,
        "tracker/overview.html",
        {
            **figures,
            "next_meeting": meeting,
            "last_meeting": None if meeting else last_meeting(today),
            "days_left": (meeting.local_date - today).days if meeting else None,
            "latest_changes": latest_changes(),
            "indicator": indicator,
            "chart": chart,
            "latest": latest,
            "status_order": charts.STATUS_ORDER,
            "response_order": charts.RESPONSE_ORDER,
        },
    )


def _filtered_page(request, filterset, per_page: int, **counts) -> tuple[dict, int]:
    """The context of a filtered, paginated list (the filter, the page and the query string
    that keeps the filters on every other page and export) and its status code.

    A filter value the form refuses (an unknown theme, a date that is none, a search too
    long) is shown with its error and no results: a 400, not everything unfiltered.
    ``counts`` (aggregates such as ``Count(...)``) are counted over the results in the same
    query as the paginator's total, and given in the context by name.
    """
    valid = filterset.is_valid()
    results = filterset.qs if valid else filterset.queryset.none()
    paginator = Paginator(results, per_page)
    figures = dict.fromkeys(counts, 0)
    if valid:
        figures = results.aggregate(_total=Count("pk"), **counts)
        paginator.count = figures.pop("_total")  # One query for the total and the rest.
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": filterset,
        "page": page,
        "query": query.urlencode(),
        "filtered": any(value for key, value in query.items()),
        **figures,
    }
    return context, 200 if valid else 400


def demand_list(request):
    """All published demands, filtered and searched (``DemandFilter``), a page at a time."""
    demand_filter = DemandFilter(request.GET, queryset=listed_demands())
    # The list shows every document's demand; the figures count a repeated one once.
    repeats = Count("pk", filter=Q(duplicate_of__isnull=False))
    context, status = _filtered_page(request, demand_filter, DEMANDS_PER_PAGE, repeats=repeats)
    return render(request, "tracker/demand_list.html", context, status=status)


def demand_detail(request, reference):
    """One published demand: its target, deadline, status, responses, statements and history."""
    # Its whole history is read (``history``): the response's entries are among them.
    demand = get_object_or_404(
        listed_demands()
        .defer(None)
        .select_related("source", "organisation", "duplicate_of__source")
        .prefetch_related(
            "themes",
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
    """One published government statement (a promise, position or refusal) and its history."""
    statement = get_object_or_404(
        published_statements()
        .select_related("organisation")
        .prefetch_related(Prefetch("answers", queryset=listed_demands()), history()),
        reference=reference,
    )
    return render(request, "tracker/statement_detail.html", {"statement": statement})


def statement_list(request):
    """All published government statements, filtered, a page at a time."""
    statements = Statement.objects.published().order_by("reference")
    statement_filter = StatementFilter(request.GET, queryset=statements)
    context, status = _filtered_page(request, statement_filter, STATEMENTS_PER_PAGE)
    # How many demands each answers, counted for the page's statements only, not for every
    # statement that matched before the page is cut.
    page = context["page"]
    page.object_list = (
        published_statements()
        .filter(pk__in=page.object_list.values("pk"))
        .annotate(answered=Count("answers", filter=counted("answers__")))
        .order_by("reference")
    )
    return render(request, "tracker/statement_list.html", context, status=status)


def explanation(request):
    """How to read the site: the statuses, the responses and the ledger, in words."""
    return render(request, "tracker/explanation.html", {"sections": glossary.sections()})


def source_list(request):
    """The documents the demands and statements are quoted from."""
    # Paged over the sources alone; the progress counted for the page's sources only, not
    # for every source once to count them and again to show a page.
    sources = Source.objects.filter(is_published=True).order_by("-date", "title", "pk")
    page = Paginator(sources, SOURCES_PER_PAGE).get_page(request.GET.get("page"))
    on_page = per_source(Source.objects.filter(pk__in=page.object_list.values("pk")))
    return render(
        request,
        "tracker/source_list.html",
        {
            "sources": with_progress(on_page),
            "page": page,
            "status_order": charts.STATUS_ORDER,
        },
    )


def source_detail(request, slug):
    """One source document and what was quoted from it."""
    source = get_object_or_404(
        Source.objects.filter(is_published=True).prefetch_related(
            Prefetch("statements", queryset=published_statements()),
            Prefetch("measurements", queryset=Measurement.objects.select_related("indicator")),
        ),
        slug=slug,
    )
    # A page of its demands at a time, as the list of demands has them: a document may
    # make a hundred.
    demands = listed_demands().filter(source=source)
    page = Paginator(demands, DEMANDS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "tracker/source_detail.html", {"source": source, "page": page})


def meeting_list(request):
    """The follow-up meetings, to come and held."""
    today = local_today()
    meetings = published_meetings()
    past = Meeting.objects.published().past(today)
    page = Paginator(past, PAST_MEETINGS_PER_PAGE).get_page(request.GET.get("page"))
    # The agendas counted for the page's meetings only, not for every past meeting.
    page.object_list = meetings.past(today).filter(pk__in=page.object_list.values("pk"))
    return render(
        request,
        "tracker/meeting_list.html",
        {
            "upcoming": meetings.upcoming(today),
            "undated": meetings.filter(date__isnull=True),
            "page": page,
        },
    )


def meeting_detail(request, slug):
    """One published meeting and the published demands on its agenda."""
    meeting = get_object_or_404(Meeting.objects.published().select_related("source"), slug=slug)
    is_past = meeting.has_begun(timezone.now())
    # The agenda's rows show each demand now and, once the meeting has begun, as it was
    # that day: only then are its entries read.
    agenda = meeting.demands.published().with_overdue().select_related("duplicate_of")
    meeting.agenda = list(agenda)
    if is_past:
        changes = value_changes(meeting.agenda)
        for demand in meeting.agenda:
            entries = changes[demand.pk]
            demand.status_then = value_on("status", demand.status, entries, meeting.starts_at)
            demand.status_then_label = word("status", demand.status_then)
            demand.response_then = value_on("response", demand.response, entries, meeting.starts_at)
            demand.response_then_label = word("response", demand.response_then)
    return render(request, "tracker/meeting_detail.html", {"meeting": meeting, "is_past": is_past})


def indicator_list(request):
    """The figures followed over time, each with its latest measurement."""
    page = Paginator(Indicator.objects.all(), INDICATORS_PER_PAGE).get_page(request.GET.get("page"))
    indicators = list(page.object_list)
    rows = defaultdict(list)
    for row in _measurements(Measurement.objects.filter(indicator__in=indicators), "indicator_id"):
        rows[row.indicator_id].append(row)
    for indicator in indicators:
        measurements = rows[indicator.pk]
        indicator.chart = _chart(measurements, width=360, height=160, left=48)
        observed = [row for row in measurements if row.nature in OBSERVED]
        indicator.latest = _measurement(indicator, observed[-1]) if observed else None
    return render(request, "tracker/indicator_list.html", {"indicators": indicators, "page": page})


def _measurements(measurements, *also: str) -> list:
    """``measurements`` as plain rows of what a chart and its latest figure show, oldest
    first: a page of charts draws thousands of figures, and building a model instance for
    each cost more than the rest of the page."""
    shown = ("date", "date_precision", "value", "qualifier", "nature")
    return list(measurements.order_by("date").values_list(*also, *shown, named=True))


def _measurement(indicator: Indicator, row) -> Measurement:
    """A row of ``_measurements`` as the measurement it is, to show."""
    fields = row._asdict()
    fields.pop("indicator_id", None)
    return Measurement(indicator=indicator, **fields)


def _chart(measurements, **size) -> charts.LineChart:
    """Figures of what was as a line; projections and plans dashed, each labelled.
    ``measurements``: measurements, or rows with their date, value and nature."""
    observed = [(m.date, m.value) for m in measurements if m.nature in OBSERVED]
    expected = [
        (m.date, m.value, Measurement.Nature(m.nature).label)
        for m in measurements
        if m.nature not in OBSERVED
    ]
    return charts.line_chart(observed, projected=expected, **size)


def indicator_detail(request, slug):
    """One indicator: its chart and every measurement with its source."""
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
