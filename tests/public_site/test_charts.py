"""Server-side pictures: stacked progress bars and a line chart, as numbers for SVG."""

import datetime
from decimal import Decimal

from django.utils import translation

from public_site import charts
from public_site.templatetags.figures import line_chart


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


def test_projections_are_placed_on_the_same_axes_but_apart_from_what_was():
    chart = charts.line_chart(
        [(datetime.date(2025, 1, 1), Decimal(10)), (datetime.date(2026, 1, 1), Decimal(20))],
        projected=[(datetime.date(2027, 1, 1), Decimal(40), "Projection")],
        width=300,
        left=0,
        right=0,
    )
    assert [point.value for point in chart.points] == [10, 20]
    assert chart.last.value == 20  # the latest figure of what was, never the projection
    assert chart.end.value == 40 and chart.end.x == 300
    assert chart.ticks[-1].value == 50  # room for the projection
    (projection,) = chart.projected
    assert projection.label == "Projection"
    # The dashed line runs on from the last figure of what was.
    assert chart.projected_path.startswith(f"M{chart.last.x:.1f},{chart.last.y:.1f} L300.0,")
    assert "300.0" not in chart.path


def test_a_chart_of_plans_alone_has_no_latest_figure():
    chart = charts.line_chart([], projected=[(datetime.date(2030, 1, 1), Decimal(3100), "Plan")])
    assert chart.points == [] and chart.last is None
    assert chart.projected_path.startswith("M") and " L" not in chart.projected_path


def test_segments_of_responses_stack_agreement_first():
    bar = charts.segments({"none": 1, "rejected": 1, "accepted": 2}, charts.RESPONSE_ORDER)
    assert [segment.status for segment in bar] == ["accepted", "rejected", "none"]


def test_each_run_of_projected_figures_is_named_once_away_from_the_edge():
    chart = charts.line_chart(
        [],
        projected=[
            (datetime.date(2026, 1, 1), Decimal("4.1"), "Plan"),
            (datetime.date(2028, 1, 1), Decimal("2"), "Plan"),
            (datetime.date(2030, 1, 1), Decimal("0.6"), "Projection"),
        ],
    )
    assert [(point.label, anchor) for point, anchor in chart.projected_labels] == [
        ("Plan", "start"),
        ("Projection", "end"),
    ]


def test_a_chart_draws_a_dot_per_figure_while_they_stay_apart():
    start = datetime.date(2020, 1, 1)
    few = [(start + datetime.timedelta(days=30 * i), Decimal(i)) for i in range(12)]
    many = [(start + datetime.timedelta(days=7 * i), Decimal(i)) for i in range(200)]

    small_few = charts.line_chart(few, width=360, left=48)
    small_many = charts.line_chart(many, width=360, left=48)

    assert small_few.dots == small_few.points
    # The line still runs through every figure; the dots mark where it starts and ends.
    assert small_many.path.count("L") == 199
    assert small_many.dots == [small_many.points[0], small_many.points[-1]]


def test_the_time_axis_names_its_months_in_the_readers_language():
    chart = charts.line_chart(
        [(datetime.date(2025, 8, 28), Decimal(7519)), (datetime.date(2025, 10, 1), Decimal(8000))]
    )
    with translation.override("nl"):
        dutch = line_chart(chart, "Kinderen in de noodopvang")
    with translation.override("en"):
        english = line_chart(chart, "Children in emergency shelters")

    assert ">augustus 2025</text>" in dutch and ">oktober 2025</text>" in dutch
    assert "Aug" not in dutch
    assert ">August 2025</text>" in english
