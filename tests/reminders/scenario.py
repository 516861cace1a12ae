"""Data for the integration tests, written into the database named by DATABASE_URL.

Run in a subprocess (``python -m tests.reminders.scenario [extra owners]``) so that the
worker, the beat and this script share one SQLite file. Everything is relative to the real
clock: a meeting tomorrow at 10:00 Amsterdam time, whose 1-day digest is due today.
"""

import datetime
import json
import os
import sys


def build(extra_owners: int = 0, slug: str = "debate") -> dict:
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from accounts.models import Organisation, Role, User
    from ledger import services
    from reminders.planning import week_start
    from tracker.models import Demand, Meeting, Source

    today = timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    organisation, _ = Organisation.objects.get_or_create(
        slug="defence", defaults={"name": "Defence for Children"}
    )
    source, _ = Source.objects.get_or_create(
        slug="letter",
        defaults={"title": "Brief", "kind": "letter", "author": "Werkgroep", "date": today},
    )
    meeting = Meeting.objects.create(
        slug=slug,
        title_nl="Commissiedebat vreemdelingen- en asielbeleid",
        title_en="Committee debate on asylum policy",
        kind=Meeting.Kind.COMMITTEE_DEBATE,
        date=tomorrow,
        time=datetime.time(10),
    )
    count = Demand.objects.count()

    def demand(owner, deadline, **fields):
        nonlocal count
        count += 1
        item = Demand(
            reference=f"WKA-2025-{count:02d}",
            title_nl=f"Eis {count}",
            title_en=f"Demand {count}",
            quote="Neem maatregelen.",
            source=source,
            organisation=organisation,
            owner=owner,
            deadline=deadline,
            **fields,
        )
        services.enter(item, by=None)
        meeting.demands.add(item)
        return item

    def user(email, **fields):
        return User.objects.create(email=email, name=email.split("@")[0], is_staff=True, **fields)

    overdue = today - datetime.timedelta(days=3)  # overdue, but not yet a week: digest only
    expected: list[dict] = []
    owners = [
        user(f"{slug}.eva@example.org", language="nl"),
        user(f"{slug}.tom@example.org", language="en"),
        *(user(f"{slug}.owner{n}@example.org", language="en") for n in range(extra_owners)),
    ]
    # Overdue since before this week's digest day (a Monday, say, when today is one): the
    # owner's weekly overdue digest is owed too.
    weekly = overdue < week_start(today)
    for owner in owners:
        demand(owner, overdue)
        due = demand(owner, tomorrow)  # due before the meeting, and in 1 day: both reminders
        expected.append({"to": owner.email, "kind": "meeting_digest", "lang": owner.language})
        expected.append(
            {"to": owner.email, "kind": "deadline_before", "lang": owner.language, "pk": due.pk}
        )
        if weekly:
            expected.append({"to": owner.email, "kind": "overdue_weekly", "lang": owner.language})
    eva = owners[0]
    demand(eva, overdue, is_published=False)  # unpublished: still in Eva's digest
    demand(owners[1], overdue, status="achieved")  # final: in nobody's digest
    opted_out = user(f"{slug}.quiet@example.org", language="en", deadline_reminders=False)
    demand(opted_out, tomorrow)
    expected.append({"to": opted_out.email, "kind": "meeting_digest", "lang": "en"})
    demand(user(f"{slug}.gone@example.org", is_active=False), overdue)
    demand(None, overdue)
    if slug == "debate":
        # Two more meetings: one a week ahead (its 7-day digest is due today), one nine
        # days ahead (no digest yet).
        for days, slug_, owner in ((7, "roundtable", eva), (9, "hearing-later", owners[1])):
            later = Meeting.objects.create(
                slug=slug_,
                title_nl=f"Rondetafelgesprek {days}",
                title_en=f"Roundtable {days}",
                kind=Meeting.Kind.ROUNDTABLE,
                date=today + datetime.timedelta(days=days),
                time=datetime.time(10),
            )
            later.demands.set(Demand.objects.filter(owner=owner, deadline=overdue))
        expected.append({"to": eva.email, "kind": "meeting_digest", "lang": "nl"})
        chair = user("chair@example.org", language="en")
        chair.groups.set([Group.objects.get(name=Role.COORDINATOR.value)])
        expected.append({"to": chair.email, "kind": "coordinator_summary", "lang": "en"})
    return {"meeting": meeting.pk, "tomorrow": tomorrow.isoformat(), "expected": expected}


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    extra = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    slug = sys.argv[2] if len(sys.argv) > 2 else "debate"
    print(json.dumps(build(extra, slug)))
