"""Progress counts only published demands, per status, in one query each."""

import datetime

import pytest

from ledger import services as ledger
from public_site import progress
from tests.factories import DemandFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def test_overall_progress_counts_published_demands_per_status_and_overdue(
    django_assert_num_queries,
):
    theme = ThemeFactory()
    achieved = DemandFactory(themes=[theme], deadline=datetime.date(2025, 1, 1))
    ledger.record_status_change(achieved, "achieved", by=None, public_note="Gedaan.")
    DemandFactory(themes=[theme], deadline=datetime.date(2025, 1, 1))
    DemandFactory(themes=[theme], is_published=False)
    with django_assert_num_queries(1):
        overall, overdue = progress.overall(datetime.date(2025, 6, 1))
    assert overall.total == 2
    assert overall.counts["achieved"] == 1 and overall.counts["open"] == 1
    assert overall.share_achieved == 50
    assert overdue == 1
    with django_assert_num_queries(1):
        (row,) = progress.per_theme()
    assert row == theme and row.progress.total == 2


def test_themes_without_published_demands_are_left_out():
    DemandFactory(themes=[ThemeFactory()], is_published=False)
    assert progress.per_theme() == []
