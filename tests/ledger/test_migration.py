"""A database holding a format-1 ledger migrates, and its entries keep verifying."""

import datetime
import hashlib
import json

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from ledger.models import Entry
from ledger.verify import verify
from tracker.models import Demand, Response, Statement, Status

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("tracker", "0003_status_help_text"), ("ledger", None)]


def format_1_hash(**content) -> str:
    """How format 1 hashed an entry (tracker/ledger.py before the ledger got its own app)."""
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def write_format_1_ledger(apps) -> list[str]:
    Organisation = apps.get_model("accounts", "Organisation")
    Source = apps.get_model("tracker", "Source")
    Demand = apps.get_model("tracker", "Demand")
    Commitment = apps.get_model("tracker", "Commitment")
    Actor = apps.get_model("tracker", "Actor")
    StatusChange = apps.get_model("tracker", "StatusChange")
    Meeting = apps.get_model("tracker", "Meeting")
    organisation = Organisation.objects.create(slug="dci", name="Defence for Children")
    source = Source.objects.create(
        slug="brief", title="Brief", kind="letter", author="W", date=datetime.date(2025, 9, 18)
    )
    actor = Actor.objects.create(slug="coa", name_nl="COA")
    demand = Demand.objects.create(
        reference="WKA-2025-01",
        title_nl="Eis",
        quote="Doe het.",
        source=source,
        organisation=organisation,
    )
    commitment = Commitment.objects.create(
        reference="TZ-2023-01",
        title_nl="Toezegging",
        quote="Wij doen het.",
        source=source,
        organisation=organisation,
        actor=actor,
        made_on=datetime.date(2023, 5, 25),
        status="committed",
    )
    Meeting.objects.create(
        slug="debat",
        title_nl="Debat",
        kind="committee_debate",
        starts_at=datetime.datetime(2025, 9, 23, 8, 0, tzinfo=datetime.UTC),
    )
    previous, hashes = "", []
    steps = [
        (demand, None, "open", "acknowledged", None, None),
        (demand, None, "acknowledged", "committed", None, datetime.date(2025, 12, 31)),
        (None, commitment, "committed", "in_progress", None, None),
    ]
    for number, (on_demand, on_commitment, old, new, before, after) in enumerate(steps):
        created_at = timezone.now() - datetime.timedelta(days=10 - number, microseconds=number)
        fields = {
            "demand": on_demand.pk if on_demand else None,
            "commitment": on_commitment.pk if on_commitment else None,
            "from_status": old,
            "to_status": new,
            "from_deadline": before.isoformat() if before else "",
            "to_deadline": after.isoformat() if after else "",
            "public_note": f"Stap {number}.",
            "internal_note": "Geheim.",
            "evidence_url": "",
            "author": None,
            "created_at": created_at.astimezone(datetime.UTC).isoformat(timespec="microseconds"),
            "previous_hash": previous,
        }
        entry_hash = format_1_hash(**fields)
        StatusChange.objects.create(
            demand=on_demand,
            commitment=on_commitment,
            from_status=old,
            to_status=new,
            from_deadline=before,
            to_deadline=after,
            public_note=fields["public_note"],
            internal_note="Geheim.",
            created_at=created_at,
            previous_hash=previous,
            entry_hash=entry_hash,
        )
        if on_demand and after:
            Demand.objects.filter(pk=on_demand.pk).update(deadline=after)
        (Demand if on_demand else Commitment).objects.filter(
            pk=(on_demand or on_commitment).pk
        ).update(status=new)
        previous = entry_hash
        hashes.append(entry_hash)
    return hashes


def test_a_format_1_ledger_migrates_and_keeps_verifying():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state([BEFORE[0]]).apps
    old_hashes = write_format_1_ledger(old_apps)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(latest)

    legacy = list(Entry.objects.filter(format=1).order_by("seq"))
    assert [entry.entry_hash for entry in legacy] == old_hashes
    assert [entry.seq for entry in legacy] == [1, 2, 3]
    # The new chain starts where the old one ended: one entry per item, linked to it.
    first_new = Entry.objects.get(seq=4)
    assert first_new.format == 2 and first_new.previous_hash == old_hashes[-1]
    report = verify()
    assert report.intact, report.problems
    assert report.entries == 5
    # "Committed" described the answer, not the work: it became a response.
    demand = Demand.objects.get(reference="WKA-2025-01")
    assert (demand.status, demand.response) == (Status.OPEN, Response.ACCEPTED)
    assert demand.deadline == datetime.date(2025, 12, 31)
    assert Statement.objects.get(reference="TZ-2023-01").status == Status.IN_PROGRESS
