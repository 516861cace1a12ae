"""Verification that catches every rewrite the ledger can suffer.

``verify()`` walks the whole chain and checks, for each entry, that it follows the one
before it and that its hashes match what it says (its private part included: the site holds
the salts). It checks every signed checkpoint, those in the database and those saved
elsewhere (the witness file, a file a user kept): the ledger must extend each of them, so a
truncated ledger, a restored old backup or a rewrite with every later hash recomputed is
caught. Finally it replays the entries and compares what each item says in its table with
what its ledger says, so that a status set directly in SQL is caught too.

Memory stays flat in the chain's length: entries are read in chunks, and only the hashes at
checkpointed positions and each item's replayed state are kept.
"""

import base64
import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.utils.dateparse import parse_datetime

from tracker.models import Demand, Statement

from . import chain
from .checkpoints import signature_is_valid
from .models import Checkpoint, Entry, SigningKey
from .state import Words, replay, subject_key


@dataclass
class Problem:
    where: str
    what: str

    def __str__(self):
        return f"{self.where}: {self.what}"


@dataclass
class SavedCheckpoint:
    """A checkpoint as published: from the database, the witness file or a user's file."""

    size: int
    head_hash: str
    signed_at: datetime.datetime
    key_id: str
    signature: str
    origin: str

    @classmethod
    def from_dict(cls, data: dict, origin: str) -> "SavedCheckpoint":
        return cls(
            size=int(data["size"]),
            head_hash=data["head_hash"],
            signed_at=parse_datetime(data["signed_at"]),
            key_id=data["key_id"],
            signature=data["signature"],
            origin=origin,
        )


@dataclass
class Report:
    entries: int = 0
    head_hash: str = chain.GENESIS
    checkpoints: int = 0
    latest: SavedCheckpoint | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems


def verify(saved: Iterable[SavedCheckpoint] = (), check_state: bool = True) -> Report:
    report = Report()
    checkpoints = [
        SavedCheckpoint(c.size, c.head_hash, c.signed_at, c.key_id, c.signature, "database")
        for c in Checkpoint.objects.order_by("size", "signed_at")
    ]
    known = {(c.size, c.head_hash, c.signature) for c in checkpoints}
    checkpoints += [c for c in saved if (c.size, c.head_hash, c.signature) not in known]
    wanted = {c.size for c in checkpoints}
    hashes_at = {0: chain.GENESIS}
    states: dict[str, dict] = {}
    _walk_chain(report, wanted, hashes_at, states)
    _check_checkpoints(report, checkpoints, hashes_at)
    if check_state:
        _check_state(report, states)
    return report


def _walk_chain(report: Report, wanted: set[int], hashes_at: dict, states: dict) -> None:
    previous_hash = chain.GENESIS
    expected_seq = 1
    entries = Entry.objects.select_related("demand", "statement", "source", "corrects").order_by(
        "seq"
    )
    for entry in entries.iterator(chunk_size=2000):
        where = f"entry #{entry.seq}"
        if entry.seq != expected_seq:
            report.problems.append(
                Problem(f"entry #{expected_seq}", f"missing: the next entry is #{entry.seq}")
            )
        if entry.previous_hash != previous_hash:
            report.problems.append(Problem(where, "does not point to the entry before it"))
        if entry_hash_of(entry) != entry.entry_hash:
            report.problems.append(Problem(where, "its content does not match its hash"))
        if entry.seq in wanted:
            hashes_at[entry.seq] = entry.entry_hash
        if entry.format == 2:
            replay(states, subject_key(entry.subject), entry.changes)
        previous_hash = entry.entry_hash
        expected_seq = entry.seq + 1
        report.entries += 1
    report.head_hash = previous_hash


def entry_hash_of(entry: Entry) -> str:
    """The hash ``entry`` must carry, computed afresh from everything it says."""
    if entry.format == 1:
        status = entry.changes.get("status") or [None, None]
        deadline = entry.changes.get("deadline") or [None, None]
        return chain.legacy_hash(
            demand_id=entry.demand_id,
            commitment_id=entry.statement_id,
            status=tuple(status),
            deadline=tuple(deadline),
            public_note=entry.public_note,
            internal_note=entry.internal_note,
            evidence_url=entry.evidence_url,
            author_id=entry.author_id,
            created_at=entry.recorded_at,
            previous_hash=entry.previous_hash,
        )
    private = chain.private_digest(entry.salt, entry.internal_note, entry.author_id)
    content = chain.digest(
        chain.preimage(
            seq=entry.seq,
            kind=entry.kind,
            subject=subject_key(entry.subject),
            occurred_on=entry.occurred_on,
            recorded_at=entry.recorded_at,
            changes=entry.changes,
            public_note=entry.public_note,
            evidence_url=entry.evidence_url,
            source=entry.source.slug if entry.source_id else None,
            quote=entry.quote,
            corrects=entry.corrects.seq if entry.corrects_id else None,
            private_digest=private,
        )
    )
    if private != entry.private_digest or content != entry.content_digest:
        return ""
    return chain.link_hash(entry.seq, entry.recorded_at, content, entry.previous_hash)


def _check_checkpoints(report: Report, checkpoints: list[SavedCheckpoint], hashes_at) -> None:
    keys = {k.key_id: k for k in SigningKey.objects.all()}
    for checkpoint in checkpoints:
        when = chain.timestamp(checkpoint.signed_at)
        where = f"checkpoint of {when} ({checkpoint.origin}, {checkpoint.size} entries)"
        key = keys.get(checkpoint.key_id)
        if key is None:
            report.problems.append(Problem(where, f"signed with unknown key {checkpoint.key_id}"))
            continue
        public = Ed25519PublicKey.from_public_bytes(base64.b64decode(key.public_key))
        if not signature_is_valid(checkpoint, public):
            report.problems.append(Problem(where, "its signature is not valid"))
            continue
        if checkpoint.size > report.entries:
            missing = checkpoint.size - report.entries
            report.problems.append(
                Problem(
                    where,
                    f"{missing} entries newer than the ledger's last one (#{report.entries}) "
                    "are missing: the ledger was truncated or an older backup was restored",
                )
            )
        elif hashes_at.get(checkpoint.size) != checkpoint.head_hash:
            report.problems.append(
                Problem(
                    where,
                    f"entry #{checkpoint.size} is not the one signed: the ledger was rewritten",
                )
            )
        else:
            report.checkpoints += 1
            if report.latest is None or checkpoint.size >= report.latest.size:
                report.latest = checkpoint


def _check_state(report: Report, states: dict) -> None:
    """Each item's table row must say what its ledger says."""
    for model in (Demand, Statement):
        words = Words()
        words.preload(model, model.LEDGER_FIELDS)
        for item in model._default_manager.order_by("pk").iterator(chunk_size=2000):
            subject = subject_key(item)
            recorded = states.get(subject)
            if recorded is None:
                report.problems.append(Problem(subject, "is not in the ledger"))
                continue
            for name, value in words.state(item).items():
                if recorded.get(name) != value:
                    report.problems.append(
                        Problem(
                            subject,
                            f"{name} is {value!r} in the table but {recorded.get(name)!r} "
                            "in the ledger",
                        )
                    )
