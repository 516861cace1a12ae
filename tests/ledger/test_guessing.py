"""The guessing attack that broke the first ledger format, run against the public export.

Format 1 hashed the author's id and the internal note with fields the public could read; ids
are small and notes short, so guessing them until the hash matched recovered both. Format 2
hashes them through a digest with a secret random salt per entry: the same guessing finds
nothing."""

import json

import pytest
from django.urls import reverse

from ledger import chain, services
from tests.factories import DemandFactory, editor
from tracker.models import Status

pytestmark = pytest.mark.django_db

GUESSES = ["", "Bel de griffier.", "Navragen.", "Zie mail.", "Intern: bron is de woordvoerder."]


@pytest.fixture
def public_ledger(client):
    demand = DemandFactory()
    author = editor(organisation=demand.organisation)
    services.record_status_change(
        demand,
        Status.IN_PROGRESS,
        by=author,
        public_note="De taskforce is ingesteld.",
        internal_note="Intern: bron is de woordvoerder.",
    )
    export = b"".join(client.get(reverse("tracker:ledger_export")).streaming_content)
    return json.loads(export), author


def candidates(author_id_in_use: int, smallest_range: int = 200):
    """Author ids from 1 up, as far as the ids in use go (a database that ran other tests
    first has larger ones), each with every note in ``GUESSES``."""
    for author_id in [None, *range(1, max(smallest_range, author_id_in_use) + 1)]:
        for note in GUESSES:
            yield author_id, note


def test_guessing_author_and_internal_note_from_public_data_finds_nothing(public_ledger):
    ledger, author = public_ledger
    published = [entry for entry in ledger["entries"] if not entry["withheld"]]
    assert published, "the attack needs public entries to work on"
    recovered = []
    for entry in published:
        target = entry["preimage"]["private_digest"]
        # Without the salt the attacker can only try salts too: the empty one, and others.
        for salt in ("", "0" * 64):
            for author_id, note in candidates(author.pk):
                if chain.private_digest(salt, note, author_id) == target:
                    recovered.append((entry["seq"], author_id, note))
    assert recovered == []
    assert "Intern: bron is de woordvoerder." not in json.dumps(ledger)
    assert author.email not in json.dumps(ledger)


def test_the_same_guessing_recovers_both_from_an_unsalted_hash(public_ledger):
    """The attack is real: where nothing secret goes into the hash (format 1), it works."""
    ledger, author = public_ledger
    entry = next(e for e in ledger["entries"] if e["preimage"]["kind"] == "status")
    public = entry["preimage"]
    truth = chain.digest(
        {**public, "internal_note": "Intern: bron is de woordvoerder.", "author": author.pk}
    )

    found = [
        (author_id, note)
        for author_id, note in candidates(author.pk)
        if chain.digest({**public, "internal_note": note, "author": author_id}) == truth
    ]

    assert found == [(author.pk, "Intern: bron is de woordvoerder.")]
