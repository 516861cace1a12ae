"""The sweep reads in bounded chunks: its memory does not grow with the number of items."""

import datetime
import gc
import tracemalloc

import pytest
import time_machine

from accounts.models import User
from reminders.planning import plan_reminders
from tests.factories import OrganisationFactory, SourceFactory
from tracker.models import Demand, Reminder

from .conftest import local

pytestmark = pytest.mark.django_db

NOW = local(2025, 10, 20, 8)


def overdue_demands(count: int, start: int) -> None:
    """``count`` overdue demands, each of its own owner: one weekly digest each."""
    owners = User.objects.bulk_create(
        User(email=f"owner{start + n}@example.org", is_staff=True) for n in range(count)
    )
    source, organisation = SourceFactory(), OrganisationFactory()
    Demand.objects.bulk_create(
        Demand(
            reference=f"MEM-2025-{start + n:05d}",
            title_nl=f"Eis {n}",
            quote="Neem maatregelen.",
            source=source,
            organisation=organisation,
            owner=owner,
            deadline=datetime.date(2025, 9, 1),
        )
        for n, owner in enumerate(owners)
    )


def peak_of_planning() -> tuple[int, int]:
    """Plan from scratch; return (new reminders, peak traced memory in bytes)."""
    Reminder.objects.all().delete()
    # Collect cyclic garbage promptly, so that the peak measures what planning holds.
    thresholds = gc.get_threshold()
    gc.set_threshold(100, 1, 1)
    gc.collect()
    # Set aside what the test process already holds: a full collection waits until the
    # new long-lived objects are a quarter of the old ones, so a process that ran many
    # tests before would keep planning's garbage longer and measure a higher peak.
    gc.freeze()
    gc.collect()  # counts the long-lived objects again, without the frozen ones
    tracemalloc.start()
    try:
        with time_machine.travel(NOW, tick=False):
            created = plan_reminders()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        gc.unfreeze()
        gc.set_threshold(*thresholds)
    return created, peak


def test_planning_memory_stays_flat_as_demands_grow(settings):
    settings.REMINDER_CHUNK_SIZE = 100
    overdue_demands(300, start=0)
    peak_of_planning()  # the first run fills bounded caches (compiled SQL, statements)
    small_count, small_peak = peak_of_planning()
    overdue_demands(2700, start=300)
    large_count, large_peak = peak_of_planning()

    assert (small_count, large_count) == (300, 3000)
    # Ten times the demands; the peak stays within the same chunk-sized budget.
    assert large_peak < 1.5 * small_peak, (small_peak, large_peak)
    print(
        f"planning peak: {small_peak / 1024:.0f} KiB for 300, {large_peak / 1024:.0f} KiB for 3000"
    )
