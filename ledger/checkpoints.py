"""Signed checkpoints: the site's Ed25519 signature over the ledger's size and head hash.

A checkpoint is signed after every transaction that appended entries and at least daily
(``ledger.tasks``). Each one is stored, appended to a witness file outside the database,
published (the ledger page, its JSON export and Atom feed) and carried by every reminder
e-mail, so that copies exist that nobody can recall: a ledger that was truncated, or rewritten
with every later hash recomputed, no longer extends them (``ledger.verify``).

The private key comes from ``LEDGER_SIGNING_KEY`` (base64 of the 32-byte Ed25519 seed) or the
file ``LEDGER_SIGNING_KEY_FILE``; ``manage.py ledger_key`` creates and rotates it. The public
keys are kept (``SigningKey``) after rotation, so every old checkpoint stays checkable; a lost
private key loses nothing but the ability to sign with it (rotate, and the next checkpoint is
signed with the new key over the whole chain).
"""

import base64
import hashlib
import json
import logging
import os
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from . import chain
from .head import lock_head
from .models import Checkpoint, SigningKey

logger = logging.getLogger(__name__)


def _raw_public(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def key_id_of(public_raw: bytes) -> str:
    return hashlib.sha256(public_raw).hexdigest()[:16]


def generate_key_file(path: Path) -> Ed25519PrivateKey:
    key = Ed25519PrivateKey.generate()
    seed = key.private_bytes_raw()
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as stream:
        stream.write(base64.b64encode(seed).decode() + "\n")
    return key


def load_private_key() -> Ed25519PrivateKey:
    """The site's signing key: from the setting, else the key file (created where allowed)."""
    if settings.LEDGER_SIGNING_KEY:
        seed = base64.b64decode(settings.LEDGER_SIGNING_KEY)
        return Ed25519PrivateKey.from_private_bytes(seed)
    path = Path(settings.LEDGER_SIGNING_KEY_FILE)
    if path.exists():
        return Ed25519PrivateKey.from_private_bytes(base64.b64decode(path.read_text().strip()))
    if settings.LEDGER_GENERATE_KEY:
        try:
            return generate_key_file(path)
        except FileExistsError:  # Another process made it first.
            return load_private_key()
    raise ImproperlyConfigured(
        "No ledger signing key: set LEDGER_SIGNING_KEY or run `manage.py ledger_key create`."
    )


def register(key: Ed25519PrivateKey) -> SigningKey:
    """Publish ``key``'s public half (once); the newest registered key is the current one."""
    raw = _raw_public(key)
    signing_key, _ = SigningKey.objects.get_or_create(
        key_id=key_id_of(raw),
        defaults={"public_key": base64.b64encode(raw).decode(), "created_at": timezone.now()},
    )
    return signing_key


def public_key(signing_key: SigningKey) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(base64.b64decode(signing_key.public_key))


def signature_is_valid(checkpoint, public: Ed25519PublicKey) -> bool:
    message = chain.checkpoint_message(
        checkpoint.size, checkpoint.head_hash, checkpoint.signed_at, checkpoint.key_id
    )
    try:
        public.verify(base64.b64decode(checkpoint.signature), message)
    except (InvalidSignature, ValueError):
        return False
    return True


def as_dict(checkpoint: Checkpoint) -> dict:
    """A checkpoint as published, mailed and saved by witnesses."""
    return {
        "size": checkpoint.size,
        "head_hash": checkpoint.head_hash,
        "signed_at": chain.timestamp(checkpoint.signed_at),
        "key_id": checkpoint.key_id,
        "signature": checkpoint.signature,
    }


def sign(force: bool = False) -> Checkpoint | None:
    """Sign the ledger's current head, unless the latest checkpoint already covers it.

    ``force`` signs even so: the daily checkpoint shows the ledger was intact that day.
    """
    key = load_private_key()
    signing_key = register(key)
    with transaction.atomic():
        head = lock_head()
        latest = Checkpoint.objects.order_by("-size", "-signed_at").first()
        if latest and latest.size == head.seq and latest.key_id == signing_key.key_id and not force:
            return None
        # Second precision, as the signature covers it.
        signed_at = timezone.now().replace(microsecond=0)
        message = chain.checkpoint_message(head.seq, head.entry_hash, signed_at, signing_key.key_id)
        checkpoint = Checkpoint.objects.create(
            size=head.seq,
            head_hash=head.entry_hash,
            signed_at=signed_at,
            key_id=signing_key.key_id,
            signature=base64.b64encode(key.sign(message)).decode(),
        )
    _witness(checkpoint)
    return checkpoint


def sign_after_commit() -> None:
    """What a write transaction runs once it committed. A checkpoint that cannot be signed
    (no key configured) never undoes the write: it is logged, and the daily one catches up."""
    try:
        sign()
    except Exception:
        logger.exception("Could not sign a ledger checkpoint.")


def _witness(checkpoint: Checkpoint) -> None:
    """Append the checkpoint to the witness file, outside the database."""
    if not settings.LEDGER_WITNESS_FILE:
        return
    path = Path(settings.LEDGER_WITNESS_FILE)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as stream:
        stream.write(json.dumps(as_dict(checkpoint), sort_keys=True) + "\n")


def read_witness(path: Path) -> list[dict]:
    """Checkpoints saved in a file: one JSON object per line, or one JSON object or list."""
    text = path.read_text(encoding="utf-8").strip()
    if not text:
        return []
    if text.startswith("["):
        return json.loads(text)
    if text.startswith("{") and "\n" not in text:
        return [json.loads(text)]
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def latest() -> Checkpoint | None:
    return Checkpoint.objects.order_by("-size", "-signed_at", "-id").first()
