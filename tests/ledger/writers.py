"""Writers for the SQLite concurrency test, each run in a process of its own against the
database named by DATABASE_URL:

    python -m tests.ledger.writers web 20        # 20 status changes through the admin's form
    python -m tests.ledger.writers import 300    # an import of 300 new demands
    python -m tests.ledger.writers sweep 5       # the Celery worker's reminder sweep, 5 times
    python -m tests.ledger.writers read 30       # the public overview and list, 30 times

Each prints one JSON line: what it did and every error it met.
"""

import json
import os
import sys
import time


def web(count: int) -> dict:
    from django.test import Client
    from django.urls import reverse

    from accounts.models import User
    from tracker.models import Demand

    client = Client(HTTP_HOST="localhost")
    client.force_login(User.objects.get(email="coordinator@example.org"))
    done, errors = 0, []
    pid = os.getpid()
    demands = list(Demand.objects.filter(reference__startswith="WKA-").order_by("pk"))
    for number in range(count):
        demand = demands[(pid + number) % len(demands)]
        demand.refresh_from_db()
        new = "in_progress" if demand.status == "open" else "open"
        url = reverse("admin:tracker_demand_changelist")
        response = client.post(
            url,
            {
                "action": "change_status",
                "_selected_action": [demand.pk],
                "apply": "1",
                "to_status": new,
                "public_note": f"Wijziging {number} door proces {pid}.",
            },
        )
        if response.status_code != 302:  # The action redirects back to the list when done.
            errors.append(f"{response.status_code} on {demand.reference}")
        else:
            done += 1
    return {"did": done, "errors": errors}


def do_import(count: int) -> dict:
    import tablib

    from accounts.models import User
    from workplace.resources import DemandResource

    rows = tablib.Dataset(
        headers=[
            "reference",
            "title_nl",
            "quote",
            "source",
            "organisation",
            "addressees",
            "themes",
            "is_published",
        ]
    )
    for number in range(count):
        rows.append(
            [
                f"IMP-2026-{number + 1:04d}",
                f"Geïmporteerde eis {number}",
                "Doe het.",
                "brief-werkgroep-2025-09-18",
                "werkgroep-kind-in-azc",
                "coa",
                "",
                "1",
            ]
        )
    user = User.objects.get(email="coordinator@example.org")
    result = DemandResource().import_data(rows, dry_run=False, use_transactions=True, user=user)
    errors = [str(error.error) for row in result.rows for error in row.errors]
    errors += [str(row.validation_error) for row in result.invalid_rows]
    return {"did": result.totals.get("new", 0), "errors": errors}


def sweep(count: int) -> dict:
    from reminders import sending

    errors = []
    for _number in range(count):
        try:
            sending.sweep()
        except Exception as error:  # The test reports any failure, whatever it is.
            errors.append(f"{type(error).__name__}: {error}")
        time.sleep(0.2)
    return {"did": count - len(errors), "errors": errors}


def read(count: int) -> dict:
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    errors = []
    for _number in range(count):
        for url in ("/", "/demands/"):
            response = client.get(url)
            if response.status_code != 200:
                errors.append(f"{response.status_code} on {url}")
    return {"did": count, "errors": errors}


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    role, count = sys.argv[1], int(sys.argv[2])
    started = time.monotonic()
    try:
        outcome = {"web": web, "import": do_import, "sweep": sweep, "read": read}[role](count)
    except Exception as error:  # Reported, not hidden: the test fails on any of these.
        outcome = {"did": 0, "errors": [f"{type(error).__name__}: {error}"]}
    outcome.update(role=role, seconds=round(time.monotonic() - started, 2))
    print(json.dumps(outcome))
