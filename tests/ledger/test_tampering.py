"""The tamper suite: each way of bending the ledger, tried as an attacker with the database
in hand (the triggers switched off, as a superuser could), is caught by ``verify_ledger`` and
by the standalone public verifier run against the live site."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from ledger import chain, checkpoints, services
from ledger.db import maintenance
from ledger.models import ChainHead, Entry
from tests.factories import DemandFactory, SourceFactory
from tracker.models import Response, Status

from .verifier import public_verifier

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(live_server, settings):
    """A live site with published and unpublished demands, a history, and a checkpoint that a
    reader saved with the public verifier."""
    settings.SITE_URL = live_server.url
    source = SourceFactory(slug="brief-2025")
    demands = [DemandFactory(reference=f"WKA-2025-{n:02d}", source=source) for n in (1, 2, 3)]
    hidden = DemandFactory(reference="WKA-2025-99", source=source, is_published=False)
    services.record_response(
        demands[0],
        Response.REJECTED,
        by=None,
        responded_on=datetime.date(2025, 9, 16),
        source=source,
        quote="Het kabinet kiest er niet voor.",
    )
    services.record_status_change(demands[1], Status.IN_PROGRESS, by=None, public_note="Bezig.")
    services.record_status_change(hidden, Status.IN_PROGRESS, by=None, public_note="Geheim.")
    services.record_status_change(demands[2], Status.ACHIEVED, by=None, public_note="Gedaan.")
    checkpoints.sign()
    return live_server.url


@pytest.fixture
def saved_checkpoint(site, tmp_path):
    path = tmp_path / "my-checkpoint.json"
    assert public_verifier.main([site, "--save", str(path)]) == 0
    return path


def run_public_verifier(site, saved, capsys) -> str:
    code = public_verifier.main([site, "--checkpoint", str(saved)])
    output = capsys.readouterr().out
    assert code == 1, output
    return output


def sql(statement: str, params=()) -> None:
    with maintenance(), connection.cursor() as cursor:
        cursor.execute(statement, params)


def recompute_from(seq: int, note: str) -> None:
    """What a careful attacker does: rewrite entry ``seq`` and recompute every hash after it,
    so that the chain holds together again."""
    previous = Entry.objects.get(seq=seq - 1).entry_hash if seq > 1 else chain.GENESIS
    for entry in Entry.objects.filter(seq__gte=seq).select_related("demand", "source"):
        public_note = note if entry.seq == seq else entry.public_note
        content = chain.digest(
            chain.preimage(
                seq=entry.seq,
                kind=entry.kind,
                subject=f"demand:{entry.demand.reference}",
                occurred_on=entry.occurred_on,
                recorded_at=entry.recorded_at,
                changes=entry.changes,
                public_note=public_note,
                evidence_url=entry.evidence_url,
                source=entry.source.slug if entry.source_id else None,
                quote=entry.quote,
                corrects=None,
                private_digest=entry.private_digest,
            )
        )
        entry_hash = chain.link_hash(entry.seq, entry.recorded_at, content, previous)
        sql(
            "UPDATE ledger_entry SET public_note = %s, content_digest = %s, previous_hash = %s, "
            "entry_hash = %s WHERE id = %s",
            [public_note, content, previous, entry_hash, entry.pk],
        )
        previous = entry_hash
    ChainHead.objects.filter(pk=1).update(entry_hash=previous)


def test_an_untouched_ledger_verifies_both_ways(site, saved_checkpoint, capsys):
    call_command("verify_ledger")
    assert public_verifier.main([site, "--checkpoint", str(saved_checkpoint)]) == 0
    # The unpublished demand's two entries chain like the others, their content withheld.
    assert "2 withheld" in capsys.readouterr().out


def test_rewriting_an_entry_is_caught(site, saved_checkpoint, capsys):
    seq = Entry.objects.get(public_note="Bezig.").seq
    sql("UPDATE ledger_entry SET public_note = 'Afgerond.' WHERE seq = %s", [seq])

    assert f"entry #{seq}: its content does not match its hash" in run_verify_ledger_problems()
    output = run_public_verifier(site, saved_checkpoint, capsys)
    assert f"entry #{seq}: what it says does not match its content digest" in output


def test_rewriting_and_recomputing_every_later_hash_is_caught(site, saved_checkpoint, capsys):
    recompute_from(Entry.objects.get(public_note="Bezig.").seq, "Afgerond.")

    assert "the ledger was rewritten" in run_verify_ledger_problems()
    assert "the ledger was rewritten" in run_public_verifier(site, saved_checkpoint, capsys)


def test_rewriting_and_replacing_the_checkpoints_is_caught_by_the_copies_kept_elsewhere(
    site, saved_checkpoint, capsys
):
    recompute_from(Entry.objects.get(public_note="Bezig.").seq, "Afgerond.")
    sql("DELETE FROM ledger_checkpoint")
    checkpoints.sign()  # The site signs the bent ledger as if nothing happened.

    # The witness file kept the old checkpoint; so did the reader.
    assert "the ledger was rewritten" in run_verify_ledger_problems()
    output = run_public_verifier(site, saved_checkpoint, capsys)
    assert f"saved in {saved_checkpoint}" in output and "the ledger was rewritten" in output


def test_deleting_the_newest_entries_is_caught(site, saved_checkpoint, capsys):
    last = Entry.objects.order_by("-seq").first().seq
    sql("DELETE FROM ledger_entry WHERE seq > %s", [last - 2])

    assert "2 entries newer than the ledger's last one" in run_verify_ledger_problems()
    output = run_public_verifier(site, saved_checkpoint, capsys)
    assert "2 entries it covered are missing" in output


def test_deleting_the_whole_ledger_is_caught(site, saved_checkpoint, capsys):
    sql("DELETE FROM ledger_checkpoint")
    sql("DELETE FROM ledger_entry")
    ChainHead.objects.all().delete()

    problems = run_verify_ledger_problems()
    assert "entries newer than the ledger's last one (#0) are missing" in problems
    assert "demand:WKA-2025-01: is not in the ledger" in problems
    output = run_public_verifier(site, saved_checkpoint, capsys)
    assert "entries it covered are missing" in output


def test_a_status_set_in_sql_is_caught(site, saved_checkpoint, capsys):
    sql("UPDATE tracker_demand SET status = 'achieved' WHERE reference = 'WKA-2025-02'")

    problems = run_verify_ledger_problems()
    assert "demand:WKA-2025-02: status is 'achieved' in the table but 'in_progress'" in problems
    output = run_public_verifier(site, saved_checkpoint, capsys)
    assert "WKA-2025-02: the site says status 'achieved', its ledger says 'in_progress'" in output


def run_verify_ledger_problems() -> str:
    """verify_ledger's refusal with the problems it listed on stderr."""
    errors = StringIO()
    with pytest.raises(CommandError):
        call_command("verify_ledger", stderr=errors)
    return errors.getvalue()
