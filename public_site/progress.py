"""How far the coalition's published demands have come, and how government answered them:
counted in SQL, per status and per response.

Every figure counts a demand once (``counted``): a demand marked the same as another is
counted under that one. Only promises count as government's commitments.

Used by the public overview and the sources page (and the open-data API after them).
Each function runs one query, whatever the number of demands.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F, Max, Q

from tracker.models import (
    Actor,
    Demand,
    Indicator,
    Measurement,
    Meeting,
    Response,
    Source,
    Statement,
    Status,
    Theme,
    overdue_q,
)

from . import charts


@dataclass(frozen=True)
class Progress:
    """The number of published demands in each status."""

    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def share_achieved(self) -> int:
        return charts.share(self.counts[Status.ACHIEVED], self.total)

    @property
    def segments(self) -> list[charts.Segment]:
        return charts.segments(self.counts)

    @property
    def by_status(self) -> list[tuple[Status, int]]:
        return [(status, self.counts[status]) for status in charts.STATUS_ORDER]


@dataclass(frozen=True)
class Responses:
    """The number of published demands per response of their addressees."""

    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def answered(self) -> int:
        return self.total - self.counts[Response.NONE]

    @property
    def segments(self) -> list[charts.Segment]:
        return charts.segments(self.counts, charts.RESPONSE_ORDER)

    @property
    def by_response(self) -> list[tuple[Response, int]]:
        return [(response, self.counts[response]) for response in charts.RESPONSE_ORDER]


@dataclass(frozen=True)
class Statements:
    """Government's published statements: the promises per status (only promises are
    commitments that can be kept or broken), and every statement per kind."""

    promises: Progress
    kinds: dict[str, int]

    @property
    def by_kind(self) -> list[tuple[str, int]]:
        return [(kind, self.kinds[kind]) for kind in Statement.Kind]


def counted(prefix: str = "") -> Q:
    """Published demands, each counted once: a demand marked the same as another is counted
    under that one, unless that one is not published (then it stands for it in public)."""
    return Q(**{f"{prefix}is_published": True}) & (
        Q(**{f"{prefix}duplicate_of__isnull": True})
        | Q(**{f"{prefix}duplicate_of__is_published": False})
    )


def status_counts(prefix: str = "") -> dict[str, Count]:
    """Annotations: one ``Count`` per status of the demands ``counted`` through ``prefix``."""
    published = counted(prefix)
    return {
        f"n_{status}": Count(f"{prefix}id", filter=published & Q(**{f"{prefix}status": status}))
        for status in Status
    }


def progress_of(row) -> Progress:
    """The ``Progress`` of a row (or ``aggregate`` result) annotated with ``status_counts``."""
    get = row.get if isinstance(row, dict) else lambda key: getattr(row, key)
    return Progress({status: get(f"n_{status}") or 0 for status in Status})


def overall(today: datetime.date) -> tuple[Progress, int]:
    """All published demands per status, and how many of them are overdue."""
    figures = Demand.objects.aggregate(
        **status_counts(), overdue=Count("id", filter=counted() & overdue_q(today))
    )
    return progress_of(figures), figures["overdue"]


def responses() -> Responses:
    """How the addressees answered the published demands, each counted once."""
    figures = Demand.objects.aggregate(
        **{
            f"r_{response}": Count("id", filter=counted() & Q(response=response))
            for response in Response
        }
    )
    return Responses({response: figures[f"r_{response}"] for response in Response})


def statements() -> Statements:
    """Published statements: promises per status, all of them per kind."""
    published = Q(is_published=True)
    promise = published & Q(kind=Statement.Kind.PROMISE)
    figures = Statement.objects.aggregate(
        **{f"n_{status}": Count("id", filter=promise & Q(status=status)) for status in Status},
        **{f"k_{kind}": Count("id", filter=published & Q(kind=kind)) for kind in Statement.Kind},
    )
    return Statements(progress_of(figures), {kind: figures[f"k_{kind}"] for kind in Statement.Kind})


def _with_progress(rows, keep_empty: bool = False) -> list:
    result = []
    for row in rows:
        row.progress = progress_of(row)
        if row.progress.total or keep_empty:
            result.append(row)
    return result


def per_theme() -> list[Theme]:
    """Themes with published demands, each with its ``progress``."""
    return _with_progress(Theme.objects.annotate(**status_counts("demands__")))


def per_addressee() -> list[Actor]:
    """Actors that published demands are addressed to, each with its ``progress``."""
    return _with_progress(Actor.objects.annotate(**status_counts("demands__")))


def per_source(sources=None):
    """Published sources (or ``sources``, a queryset), each annotated to carry the
    ``progress`` of its published demands: call ``with_progress`` on the rows read."""
    if sources is None:
        sources = Source.objects.filter(is_published=True)
    # An aggregate drops the model's default ordering: a page needs it said.
    return sources.annotate(**status_counts("demands__")).order_by("-date", "title", "pk")


def with_progress(rows) -> list:
    """Rows annotated with ``status_counts``, each given its ``progress``; none left out."""
    return _with_progress(rows, keep_empty=True)


def coalition_figures(today: datetime.date) -> dict:
    """The overview's figures: progress overall, per response, of statements, per theme and
    per addressee, and the key figure (``key_indicator``).

    Their aggregates read every demand and measurement, so they are computed once per state
    of what the public sees (``public_site.caching.version``: every ledger write and content
    edit changes it) and day, and kept: a request after the first costs the one query that
    names the state, however many demands there are.
    """
    from . import caching

    state, _last = caching.version()

    def compute() -> dict:
        progress, overdue_count = overall(today)
        return {
            "progress": progress,
            "overdue_count": overdue_count,
            "responses": responses(),
            "statements": statements(),
            "themes": per_theme(),
            "addressees": per_addressee(),
            "key_indicator": key_indicator(today),
        }

    key = f"coalition-figures:{state}:{today.isoformat()}:{settings.KEY_INDICATOR}"
    return cache.get_or_set(key, compute, settings.FIGURES_CACHE_SECONDS)


def next_meeting(today: datetime.date) -> Meeting | None:
    """The first published, dated meeting from ``today`` on, with the ``progress`` of its
    published agenda."""
    # Two short queries: the first meeting by its date, then its agenda counted, rather
    # than the agenda of every upcoming meeting counted to keep the first.
    meeting = Meeting.objects.published().upcoming(today).first()
    if meeting:
        counts = dict(
            Demand.objects.filter(counted(), meetings=meeting)
            .order_by()
            .values_list("status")
            .annotate(Count("id"))
        )
        meeting.progress = Progress({status: counts.get(status, 0) for status in Status})
    return meeting


def last_meeting(today: datetime.date) -> Meeting | None:
    """The latest published meeting held before ``today``: what the overview names when no
    next one is planned, so that a quiet year does not read as a site nobody keeps."""
    return (
        Meeting.objects.published()
        .dated()
        .filter(date__lt=today)
        .order_by("-date", "-time")
        .first()
    )


def key_indicator(today: datetime.date) -> Indicator | None:
    """The figure the overview charts: ``settings.KEY_INDICATOR``, else the one measured most
    often (then most recently); never one without measurements. Projections and plans are
    not measurements of what was: they never make a figure the latest."""
    observed = Q(measurements__nature__in=Measurement.Nature.observed())
    return (
        Indicator.objects.annotate(
            measured=Count("measurements", filter=observed),
            latest=Max("measurements__date", filter=observed & Q(measurements__date__lte=today)),
            is_key=Q(slug=settings.KEY_INDICATOR),
        )
        .filter(measured__gt=0)
        .order_by("-is_key", "-measured", F("latest").desc(nulls_last=True), "name_nl")
        .first()
    )
