"""What the public may see of the ledger: every entry's place in the chain, and the content
of the entries of published items.

An entry of an item that is not published (or a format-1 entry, whose hash covers private
fields) is *withheld*: the public sees that it exists, its number, when it was recorded and
its hashes, nothing of what it says. The chain has no gaps for anyone, and each withheld
entry's ``content_digest`` cannot be guessed (it covers a secret salt). Publishing an item
publishes its whole history.
"""

import gc

from django.db.models import Q, QuerySet

from . import chain
from .models import Entry, SigningKey

PUBLISHED = (Q(demand__is_published=True) | Q(statement__is_published=True)) & Q(format=2)


def visible_entries() -> QuerySet:
    """Entries whose content the public may read, newest first, with their item."""
    return (
        Entry.objects.filter(PUBLISHED)
        .select_related("demand", "statement", "source")
        .order_by("-seq")
    )


def is_visible(entry: Entry) -> bool:
    subject = entry.subject
    return entry.format == 2 and subject is not None and subject.is_published


def record(entry: Entry, visible: bool | None = None) -> dict:
    """One entry as the public ledger export publishes it."""
    if visible is None:
        visible = is_visible(entry)
    published = {
        "seq": entry.seq,
        "format": entry.format,
        "recorded_at": chain.timestamp(entry.recorded_at)
        if entry.format == 2
        else entry.recorded_at.isoformat(),
        "content_digest": entry.content_digest,
        "previous_hash": entry.previous_hash,
        "entry_hash": entry.entry_hash,
        "withheld": not visible,
    }
    if visible:
        published["preimage"] = chain.preimage(
            seq=entry.seq,
            kind=entry.kind,
            subject=f"{entry.subject._meta.model_name}:{entry.subject.reference}",
            occurred_on=entry.occurred_on,
            recorded_at=entry.recorded_at,
            changes=entry.changes,
            public_note=entry.public_note,
            evidence_url=entry.evidence_url,
            source=entry.source.slug if entry.source_id else None,
            quote=entry.quote,
            corrects=entry.corrects.seq if entry.corrects_id else None,
            private_digest=entry.private_digest,
        )
    return published


def all_records():
    """The whole chain, oldest first, as the public sees it; read in chunks."""
    entries = Entry.objects.select_related("demand", "statement", "source", "corrects").order_by(
        "seq"
    )
    for number, entry in enumerate(entries.iterator(chunk_size=2000), start=1):
        yield record(entry)
        if number % 2000 == 0:
            # Each chunk's instances leave reference cycles: collected young, they never
            # pile up, and memory stays flat over any length of chain.
            gc.collect(1)


def key_record(key: SigningKey) -> dict:
    """A signing key as published: checkpoints name it by ``key_id``."""
    return {
        "key_id": key.key_id,
        "public_key": key.public_key,
        "algorithm": "Ed25519",
        "created_at": chain.timestamp(key.created_at),
        "retired_at": chain.timestamp(key.retired_at) if key.retired_at else None,
    }
