"""How entries are hashed and chained: pure functions of plain values, no database.

Format 2 (every entry written since the ledger got a public preimage):

- ``private_digest = H({"salt", "internal_note", "author"})`` with a secret random salt per
  entry: a commitment to what the public may not read, which nobody can guess.
- ``preimage``: what the public reads of an entry, including ``private_digest``.
- ``content_digest = H(preimage)``.
- ``entry_hash = H({"format", "seq", "recorded_at", "content_digest", "previous_hash"})``.

``H`` is SHA-256 over canonical JSON: keys sorted, no spaces, UTF-8, no ASCII escaping.
A withheld entry (its item is not published) shows only ``seq``, ``recorded_at``,
``content_digest`` and the hashes: the chain can be checked end to end without its content.
The standalone verifier (``bin/verify_public_ledger.py``) re-implements exactly this.

Format 1 (status changes written before): SHA-256 over all fields, private ones included.
"""

import datetime
import hashlib
import json
from typing import Any

GENESIS = ""


def canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def digest(value: Any) -> str:
    return hashlib.sha256(canonical(value)).hexdigest()


def timestamp(moment: datetime.datetime) -> str:
    """A moment in UTC to the second, as entries record and hash it."""
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def private_digest(salt: str, internal_note: str, author_id: int | None) -> str:
    return digest({"salt": salt, "internal_note": internal_note, "author": author_id})


def preimage(
    *,
    seq: int,
    kind: str,
    subject: str,
    occurred_on: datetime.date | None,
    recorded_at: datetime.datetime,
    changes: dict,
    public_note: str,
    evidence_url: str,
    source: str | None,
    quote: str,
    corrects: int | None,
    private_digest: str,
) -> dict:
    """Everything the public reads of an entry: ``subject`` is e.g. ``demand:WKA-2025-03``,
    ``source`` a document's slug, ``corrects`` the number of the entry put right."""
    return {
        "format": 2,
        "seq": seq,
        "kind": kind,
        "subject": subject,
        "occurred_on": occurred_on.isoformat() if occurred_on else None,
        "recorded_at": timestamp(recorded_at),
        "changes": changes,
        "public_note": public_note,
        "evidence_url": evidence_url,
        "source": source,
        "quote": quote,
        "corrects": corrects,
        "private_digest": private_digest,
    }


def link_hash(seq: int, recorded_at: datetime.datetime, content: str, previous_hash: str) -> str:
    return digest(
        {
            "format": 2,
            "seq": seq,
            "recorded_at": timestamp(recorded_at),
            "content_digest": content,
            "previous_hash": previous_hash,
        }
    )


def legacy_hash(
    *,
    demand_id: int | None,
    commitment_id: int | None,
    status: tuple[str, str],
    deadline: tuple[str | None, str | None],
    public_note: str,
    internal_note: str,
    evidence_url: str,
    author_id: int | None,
    created_at: datetime.datetime,
    previous_hash: str,
) -> str:
    """The hash of a format-1 entry, as ``tracker.ledger`` computed it before format 2."""
    return digest(
        {
            "demand": demand_id,
            "commitment": commitment_id,
            "from_status": status[0],
            "to_status": status[1],
            "from_deadline": deadline[0] or "",
            "to_deadline": deadline[1] or "",
            "public_note": public_note,
            "internal_note": internal_note,
            "evidence_url": evidence_url,
            "author": author_id,
            "created_at": created_at.astimezone(datetime.UTC).isoformat(timespec="microseconds"),
            "previous_hash": previous_hash,
        }
    )


def checkpoint_message(size: int, head_hash: str, signed_at: datetime.datetime, key_id: str):
    """The bytes a checkpoint's Ed25519 signature covers."""
    return canonical(
        {
            "checkpoint": 1,
            "size": size,
            "head_hash": head_hash,
            "signed_at": timestamp(signed_at),
            "key_id": key_id,
        }
    )
