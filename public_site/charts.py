"""Pictures for the public site, drawn on the server: geometry here, SVG markup in templates.

Nothing is loaded from outside the site and the pages work without JavaScript.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from tracker.models import Response, Status

# The order in which a progress bar stacks its segments: achieved first, open last.
STATUS_ORDER = [
    Status.ACHIEVED,
    Status.IN_PROGRESS,
    Status.OPEN,
    Status.NOT_ACHIEVED,
    Status.WITHDRAWN,
]


# The order of a bar of responses: agreement first, no answer last.
RESPONSE_ORDER = [
    Response.ACCEPTED,
    Response.PARTLY_ACCEPTED,
    Response.NOTED,
    Response.REJECTED,
    Response.NONE,
]


@dataclass(frozen=True)
class Segment:
    status: str  # the status, or the response, the segment stands for
    label: str
    count: int
    x: float  # percent from the left
    width: float  # percent


def segments(counts: dict[str, int], order=STATUS_ORDER) -> list[Segment]:
    """A stacked bar of ``counts`` per status (or per response, in ``RESPONSE_ORDER``), in
    percent of the total; empty ones left out."""
    total = sum(counts.values())
    if not total:
        return []
    result, x = [], 0.0
    for status in order:
        count = counts.get(status, 0)
        if not count:
            continue
        width = 100 * count / total
        result.append(Segment(status, status.label, count, round(x, 3), round(width, 3)))
        x += width
    return result


def share(part: int, total: int) -> int:
    """``part`` of ``total`` as a whole percentage (0 for an empty total)."""
    return round(100 * part / total) if total else 0


# The least room, in the chart's units, per dot before a chart draws its line alone.
DOT_SPACING = 8


@dataclass(frozen=True)
class Point:
    date: datetime.date
    value: Decimal
    x: float
    y: float
    label: str = ""  # what a projected point is: a projection, a plan


@dataclass(frozen=True)
class Tick:
    value: Decimal
    y: float


def _path(points: list[Point]) -> str:
    return " ".join(
        f"{'M' if i == 0 else 'L'}{point.x:.1f},{point.y:.1f}" for i, point in enumerate(points)
    )


@dataclass(frozen=True)
class LineChart:
    """Figures of what was (``points``, a solid line) and of what is expected or planned
    (``projected``, a dashed line on from the last figure of what was)."""

    width: int
    height: int
    left: int
    bottom: int
    points: list[Point]
    ticks: list[Tick]
    projected: list[Point] = field(default_factory=list)

    @property
    def path(self) -> str:
        return _path(self.points)

    @property
    def dots(self) -> list[Point]:
        """The figures of what was drawn as dots, each with its value on hover: all of them
        while they stay apart, else the first and the last on a line that shows the rest
        (a hundred dots on a small chart are a smear, and costly to draw on every page)."""
        if len(self.points) <= 2 or (self.width - self.left) / len(self.points) >= DOT_SPACING:
            return self.points
        return [self.points[0], self.points[-1]]

    @property
    def projected_path(self) -> str:
        if not self.projected:
            return ""
        lead = [self.last] if self.last and self.last.date <= self.projected[0].date else []
        return _path(lead + self.projected)

    @property
    def projected_labels(self) -> list[tuple[Point, str]]:
        """Where to name what a projected point is: at the first point of each run of one
        nature, written away from the nearer edge (``start`` or ``end`` as text-anchor)."""
        labels, previous = [], None
        for point in self.projected:
            if point.label != previous:
                anchor = "start" if point.x < self.left + (self.width - self.left) / 2 else "end"
                labels.append((point, anchor))
            previous = point.label
        return labels

    @property
    def first(self) -> Point | None:
        """The earliest figure of what was."""
        return self.points[0] if self.points else None

    @property
    def last(self) -> Point | None:
        """The latest figure of what was: never a projection or a plan."""
        return self.points[-1] if self.points else None

    @property
    def start(self) -> Point | None:
        """The leftmost point, projected or not: for the time axis."""
        return min(self.points + self.projected, key=lambda p: p.date, default=None)

    @property
    def end(self) -> Point | None:
        """The rightmost point, projected or not: for the time axis."""
        return max(self.points + self.projected, key=lambda p: p.date, default=None)


def line_chart(
    series: list[tuple[datetime.date, Decimal]],
    width: int = 600,
    height: int = 240,
    left: int = 56,
    bottom: int = 28,
    top: int = 12,
    right: int = 16,
    projected: list[tuple[datetime.date, Decimal, str]] = (),
) -> LineChart:
    """Place dated values in an SVG box: time runs left to right, the y axis starts at zero.

    ``series`` holds figures of what was; ``projected`` figures a source expects or plans,
    each with its label ("projection", "plan"), drawn apart so that they never read as
    measured.
    """
    series = sorted(series)
    projected = sorted(projected)
    plot_width = width - left - right
    plot_height = height - top - bottom
    values = [value for _, value in series] + [value for _, value, _ in projected]
    ceiling = _nice_ceiling(max(values, default=Decimal(0)))
    days = [day for day, _ in series] + [day for day, _, _ in projected]
    first_day = min(days, default=None)
    span = (max(days) - first_day).days if days else 0

    def place(day: datetime.date, value: Decimal, label: str = "") -> Point:
        if span:
            x = left + plot_width * (day - first_day).days / span
        else:
            x = left + plot_width / 2
        y = top + plot_height * (1 - float(value) / float(ceiling))
        return Point(day, value, round(x, 1), round(y, 1), label)

    ticks = [
        Tick(ceiling * step / 4, round(top + plot_height * (1 - step / 4), 1)) for step in range(5)
    ]
    return LineChart(
        width,
        height,
        left,
        height - bottom,
        [place(day, value) for day, value in series],
        ticks,
        [place(day, value, label) for day, value, label in projected],
    )


def _nice_ceiling(value: Decimal) -> Decimal:
    """The smallest of 1, 2, 2.5 or 5 times a power of ten that is at least ``value``."""
    if value <= 0:
        return Decimal(1)
    magnitude = Decimal(10) ** (len(str(int(value))) - 1)
    for factor in (1, 2, Decimal("2.5"), 5, 10):
        if value <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude
