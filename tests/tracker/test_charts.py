"""Server-side pictures: stacked progress bars and a line chart, as numbers for SVG."""

import datetime
from decimal import Decimal

from tracker import charts


def test_segments_stack_statuses_achieved_first_and_fill_the_bar():
    bar = charts.segments({"open": 2, "achieved": 1, "not_achieved": 1, "in_progress": 0})
    assert [segment.status for segment in bar] == ["achieved", "open", "not_achieved"]
    assert [segment.width for segment in bar] == [25, 50, 25]
    assert [segment.x for segment in bar] == [0, 25, 75]


def test_segments_of_nothing_is_an_empty_bar():
    assert charts.segments({}) == []


def test_share_is_a_whole_percentage_and_zero_for_nothing():
    assert charts.share(1, 3) == 33
    assert charts.share(0, 0) == 0


def test_line_chart_runs_left_to_right_from_zero_up():
    chart = charts.line_chart(
        [
            (datetime.date(2025, 9, 1), Decimal(7519)),
            (datetime.date(2025, 6, 1), Decimal(6410)),
        ],
        width=300,
        height=120,
        left=40,
        bottom=20,
        top=10,
        right=10,
    )
    first, last = chart.points
    assert first.date < last.date
    assert (first.x, last.x) == (40, 290)
    assert chart.ticks[0].value == 0 and chart.ticks[-1].value == 10000
    assert chart.ticks[0].y == 100 and chart.ticks[-1].y == 10
    assert last.y == round(10 + 90 * (1 - 7519 / 10000), 1)
    assert chart.path.startswith("M40.0,") and " L290.0," in chart.path


def test_line_chart_of_one_point_puts_it_in_the_middle():
    chart = charts.line_chart([(datetime.date(2025, 9, 1), Decimal(5))], width=100, left=0, right=0)
    assert chart.points[0].x == 50
    assert chart.ticks[-1].value == 5


def test_line_chart_of_nothing_has_no_points():
    assert charts.line_chart([]).points == []
