"""A data set a hundred times today's, written through the same model and ledger code the
app uses (``ledger.services``), in bulk so that it takes about a minute.

    python -m bench.generate --demands 10000 --owners 1000 --entries 100000 \
        --meetings 200 --measurements 5000

Into the database named by DATABASE_URL, which must be empty of demands.
"""

import argparse
import datetime
import os
import random
import sys
import time
from decimal import Decimal


def generate(demands: int, owners: int, entries: int, meetings: int, measurements: int):
    from accounts.models import Organisation, User
    from ledger import services
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
    )

    if Demand.objects.exists():
        sys.exit("bench.generate: the database already holds demands; use an empty one.")
    rng = random.Random(2025)
    today = datetime.date.today()
    organisations = Organisation.objects.bulk_create(
        Organisation(slug=f"organisation-{n}", name=f"Organisatie {n}") for n in range(20)
    )
    people = User.objects.bulk_create(
        User(
            email=f"owner{n}@bench.example.org",
            name=f"Eigenaar {n}",
            is_staff=True,
            organisation=organisations[n % len(organisations)],
            password="!",
        )
        for n in range(owners)
    )
    actors = Actor.objects.bulk_create(
        Actor(slug=f"actor-{n}", name_nl=f"Actor {n}", name_en=f"Actor {n}", kind="agency")
        for n in range(40)
    )
    themes = Theme.objects.bulk_create(
        Theme(slug=f"thema-{n}", name_nl=f"Thema {n}", name_en=f"Theme {n}") for n in range(30)
    )
    sources = Source.objects.bulk_create(
        Source(
            slug=f"bron-{n}",
            title=f"Brief {n}",
            kind="letter",
            author="Werkgroep Kind in azc",
            date=today - datetime.timedelta(days=rng.randint(30, 900)),
        )
        for n in range(200)
    )
    started = time.monotonic()
    items = [
        Demand(
            reference=f"BEN-2025-{n:05d}",
            title_nl=f"Eis {n}: kinderen uit de noodopvang naar een passende plek",
            title_en=f"Demand {n}: children out of emergency shelter",
            summary_nl="Verplaats kinderen uit de noodopvang naar kleinschalige opvang.",
            summary_en="Move children out of emergency shelter into small-scale reception.",
            quote="Wij vragen het kabinet om de kinderen binnen drie maanden te verplaatsen.",
            quote_location="p. 2",
            source=rng.choice(sources),
            organisation=(owner := rng.choice(people)).organisation,
            owner=owner,
            deadline=today + datetime.timedelta(days=rng.randint(-400, 400)) if n % 3 else None,
            target_value=Decimal(600) if n % 7 == 0 else None,
            target_unit="kinderen" if n % 7 == 0 else "",
            is_published=n % 20 != 0,
        )
        for n in range(demands)
    ]
    for chunk in range(0, demands, 1000):
        batch = items[chunk : chunk + 1000]
        services.enter_many(
            batch,
            relations={
                "addressees": [rng.sample(actors, 2) for _ in batch],
                "themes": [rng.sample(themes, 2) for _ in batch],
            },
        )
    statements = [
        Statement(
            reference=f"STM-2025-{n:05d}",
            kind=rng.choice(list(Statement.Kind.values)),
            title_nl=f"Uitspraak {n}",
            title_en=f"Statement {n}",
            quote="Wij zullen dit doen.",
            source=rng.choice(sources),
            organisation=rng.choice(organisations),
            actor=rng.choice(actors),
            made_on=today - datetime.timedelta(days=rng.randint(30, 900)),
        )
        for n in range(demands // 10)
    ]
    services.enter_many(statements)
    written = demands + len(statements)
    # The rest of the entries: status changes in bulk, and responses, across the demands.
    cycle = [Status.IN_PROGRESS, Status.OPEN, Status.ACHIEVED, Status.OPEN]
    round_number = 0
    while written < entries * 0.9:
        status = cycle[round_number % len(cycle)]
        sample = rng.sample(items, min(len(items), 2000))
        made, _skipped = services.record_status_changes(
            sample, status, by=rng.choice(people), public_note=f"Ronde {round_number}."
        )
        written += len(made)
        round_number += 1
    responses = list(Response.values)[1:]
    while written < entries:
        demand = rng.choice(items)
        try:
            services.record_response(
                demand,
                rng.choice(responses),
                by=None,
                responded_on=today - datetime.timedelta(days=rng.randint(1, 300)),
                quote="Het kabinet neemt de aanbeveling over.",
            )
        except Exception:  # The same response twice: try another demand.
            continue
        written += 1
    ledger_seconds = time.monotonic() - started
    agenda = Meeting.demands.through
    created = Meeting.objects.bulk_create(
        Meeting(
            slug=f"overleg-{n}",
            title_nl=f"Vervolgoverleg {n}",
            title_en=f"Follow-up meeting {n}",
            kind="coalition_meeting",
            date=today + datetime.timedelta(days=rng.randint(-700, 120)),
            time=datetime.time(10) if n % 2 else None,
        )
        for n in range(meetings)
    )
    agenda.objects.bulk_create(
        agenda(meeting_id=meeting.pk, demand_id=demand.pk)
        for meeting in created
        for demand in rng.sample(items, 30)
    )
    indicators = Indicator.objects.bulk_create(
        Indicator(slug=f"indicator-{n}", name_nl=f"Indicator {n}", unit_nl="kinderen")
        for n in range(50)
    )
    Measurement.objects.bulk_create(
        Measurement(
            indicator=indicators[n % len(indicators)],
            date=today - datetime.timedelta(days=n // len(indicators)),
            value=Decimal(rng.randint(100, 9000)),
        )
        for n in range(measurements)
    )
    return {"ledger_seconds": round(ledger_seconds, 1)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--demands", type=int, default=10_000)
    parser.add_argument("--owners", type=int, default=1_000)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--meetings", type=int, default=200)
    parser.add_argument("--measurements", type=int, default=5_000)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from ledger import services
    from ledger.models import Entry

    started = time.monotonic()
    # One transaction: one signed checkpoint at the end, not one per write.
    with services.writing():
        details = generate(
            args.demands, args.owners, args.entries, args.meetings, args.measurements
        )
    print(
        f"Generated {args.demands} demands, {args.owners} owners, {Entry.objects.count()} "
        f"ledger entries, {args.meetings} meetings, {args.measurements} measurements in "
        f"{time.monotonic() - started:.0f} s (ledger {details['ledger_seconds']} s)."
    )


if __name__ == "__main__":
    main()
