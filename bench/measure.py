"""One job of `make bench`, measured in a process of its own: wall and CPU time, peak RSS.

python -m bench.measure sweep     # the reminder sweep (plan, then send)
python -m bench.measure verify    # verify_ledger's check
"""

import json
import os
import resource
import sys
import time


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    job = sys.argv[1]
    before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.monotonic()
    if job.startswith("sweep"):
        from reminders import sending
        from tracker.models import Reminder

        if job == "sweep":
            # The bench's own database: every reminder planned and sent again, as on the day
            # the data set was new.
            Reminder.objects.all().delete()
            before = resource.getrusage(resource.RUSAGE_SELF)
            started = time.monotonic()
        outcome = sending.sweep()
        result = ", ".join(f"{name} {count}" for name, count in outcome.items() if count)
    else:
        from ledger.verify import verify

        report = verify()
        result = f"{report.entries} entries, {'intact' if report.intact else 'NOT intact'}"
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(
        json.dumps(
            {"wall": wall, "cpu": cpu, "rss_mb": after.ru_maxrss / 1024, "result": result or "-"}
        )
    )


if __name__ == "__main__":
    main()
