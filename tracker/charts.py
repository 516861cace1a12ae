"""Pictures for the public site, drawn on the server: geometry here, SVG markup in templates.

Nothing is loaded from outside the site and the pages work without JavaScript.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from .models import Status

# The order in which a progress bar stacks its segments: achieved first, open last.
STATUS_ORDER = [
    Status.ACHIEVED,
    Status.IN_PROGRESS,
    Status.OPEN,
    Status.NOT_ACHIEVED,
    Status.WITHDRAWN,
]


@dataclass(frozen=True)
class Segment:
    status: str
    label: str
    count: int
    x: float  # percent from the left
    width: float  # percent


def segments(counts: dict[str, int]) -> list[Segment]:
    """A stacked bar of ``counts`` per status, in percent of the total; empty ones left out."""
    total = sum(counts.values())
    if not total:
        return []
    result, x = [], 0.0
    for status in STATUS_ORDER:
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


@dataclass(frozen=True)
class Point:
    date: datetime.date
    value: Decimal
    x: float
    y: float


@dataclass(frozen=True)
class Tick:
    value: Decimal
    y: float


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    left: int
    bottom: int
    points: list[Point]
    ticks: list[Tick]

    @property
    def path(self) -> str:
        return " ".join(
            f"{'M' if i == 0 else 'L'}{point.x:.1f},{point.y:.1f}"
            for i, point in enumerate(self.points)
        )

    @property
    def first(self) -> Point | None:
        return self.points[0] if self.points else None

    @property
    def last(self) -> Point | None:
        return self.points[-1] if self.points else None


def line_chart(
    series: list[tuple[datetime.date, Decimal]],
    width: int = 600,
    height: int = 240,
    left: int = 56,
    bottom: int = 28,
    top: int = 12,
    right: int = 16,
) -> LineChart:
    """Place dated values in an SVG box: time runs left to right, the y axis starts at zero."""
    series = sorted(series)
    plot_width = width - left - right
    plot_height = height - top - bottom
    highest = max((value for _, value in series), default=Decimal(0))
    ceiling = _nice_ceiling(highest)
    if series:
        first_day, last_day = series[0][0], series[-1][0]
        span = (last_day - first_day).days
    points = []
    for day, value in series:
        if span:
            x = left + plot_width * (day - first_day).days / span
        else:
            x = left + plot_width / 2
        y = top + plot_height * (1 - float(value) / float(ceiling))
        points.append(Point(day, value, round(x, 1), round(y, 1)))
    ticks = [
        Tick(ceiling * step / 4, round(top + plot_height * (1 - step / 4), 1)) for step in range(5)
    ]
    return LineChart(width, height, left, height - bottom, points, ticks)


def _nice_ceiling(value: Decimal) -> Decimal:
    """The smallest of 1, 2, 2.5 or 5 times a power of ten that is at least ``value``."""
    if value <= 0:
        return Decimal(1)
    magnitude = Decimal(10) ** (len(str(int(value))) - 1)
    for factor in (1, 2, Decimal("2.5"), 5, 10):
        if value <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude
