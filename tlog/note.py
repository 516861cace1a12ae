"""C2SP signed notes with Ed25519 keys: signing, opening, and the keys' text forms.

A note is UTF-8 text ending in a newline, a blank line, then one signature line per key:
``— <name> base64(key ID || signature)``. A key ID is the first four bytes of
SHA-256(name || 0x0A || type || public key); type 0x01 is Ed25519 over the text.
"""

import base64
import binascii
import hashlib
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

ED25519 = 0x01
MAX_SIGNATURES = 32
MAX_NOTE = 1 << 16
DASH = "\u2014 "


class NoteError(ValueError):
    """A note that is malformed, or not signed by a key the reader trusts."""


def key_id(name: str, kind: int, public: bytes) -> bytes:
    return hashlib.sha256(name.encode() + b"\n" + bytes([kind]) + public).digest()[:4]


def _check_name(name: str) -> None:
    if not name or any(c.isspace() or c == "+" for c in name):
        raise NoteError(f"a key name has no spaces and no '+': {name!r}")


def public_bytes(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


@dataclass(frozen=True)
class Verifier:
    """A key a reader trusts: its name, its ID and what checks a signature by it."""

    name: str
    key_id: bytes
    public: bytes
    kind: int = ED25519

    @classmethod
    def ed25519(cls, name: str, public: bytes) -> "Verifier":
        _check_name(name)
        return cls(name, key_id(name, ED25519, public), public)

    @classmethod
    def parse(cls, text: str) -> "Verifier":
        """A verifier key ``<name>+<hex key ID>+<base64(type || public key)>``."""
        try:
            name, hex_id, encoded = text.strip().split("+", 2)
            raw = base64.b64decode(encoded, validate=True)
            wanted = bytes.fromhex(hex_id)
        except (ValueError, binascii.Error) as error:
            raise NoteError(f"not a verifier key: {text!r}") from error
        if len(hex_id) != 8 or len(raw) != 33 or raw[0] != ED25519:
            raise NoteError("only Ed25519 verifier keys (type 0x01, 32 bytes) are read here")
        verifier = cls.ed25519(name, raw[1:])
        if verifier.key_id != wanted:
            raise NoteError("the verifier key's ID does not match its name and key")
        return verifier

    def __str__(self) -> str:
        encoded = base64.b64encode(bytes([self.kind]) + self.public).decode()
        return f"{self.name}+{self.key_id.hex()}+{encoded}"

    def verify(self, message: bytes, signature: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(self.public).verify(signature, message)
        except InvalidSignature:
            return False
        return True


@dataclass(frozen=True)
class Signer:
    """A key that signs notes under a name."""

    name: str
    private: Ed25519PrivateKey

    def __post_init__(self):
        _check_name(self.name)

    @classmethod
    def parse(cls, text: str) -> "Signer":
        """A signer key ``PRIVATE+KEY+<name>+<hex key ID>+<base64(type || seed)>``."""
        try:
            private, key, name, hex_id, encoded = text.strip().split("+", 4)
            raw = base64.b64decode(encoded, validate=True)
        except (ValueError, binascii.Error) as error:
            raise NoteError("not a signer key") from error
        if (private, key) != ("PRIVATE", "KEY") or len(raw) != 33 or raw[0] != ED25519:
            raise NoteError("only Ed25519 signer keys (type 0x01, a 32-byte seed) are read here")
        signer = cls(name, Ed25519PrivateKey.from_private_bytes(raw[1:]))
        if signer.verifier.key_id.hex() != hex_id:
            raise NoteError("the signer key's ID does not match its name and key")
        return signer

    @property
    def verifier(self) -> Verifier:
        return Verifier.ed25519(self.name, public_bytes(self.private.public_key()))

    def signature_line(self, text: str) -> str:
        signature = self.private.sign(text.encode())
        encoded = base64.b64encode(self.verifier.key_id + signature).decode()
        return f"{DASH}{self.name} {encoded}\n"


def check_text(text: str) -> None:
    if not text.endswith("\n"):
        raise NoteError("a note's text ends with a newline")
    if any(ord(c) < 0x20 and c != "\n" for c in text):
        raise NoteError("a note holds no control characters but newlines")


def sign(text: str, *signers: Signer) -> str:
    check_text(text)
    return text + "\n" + "".join(signer.signature_line(text) for signer in signers)


@dataclass(frozen=True)
class Signature:
    name: str
    key_id: bytes
    signature: bytes  # what follows the key ID
    line: str


def split(note: str | bytes) -> tuple[str, list[Signature]]:
    """The note's text and its signature lines, read but not verified."""
    if isinstance(note, bytes):
        if len(note) > MAX_NOTE:
            raise NoteError(f"a note of more than {MAX_NOTE} bytes")
        try:
            note = note.decode("utf-8")
        except UnicodeDecodeError as error:
            raise NoteError("a note is UTF-8") from error
    if any(ord(c) < 0x20 and c != "\n" for c in note):
        raise NoteError("a note holds no control characters but newlines")
    at = note.rfind("\n\n")
    if at < 0 or not note.endswith("\n"):
        raise NoteError("a note is text, a blank line, then signature lines")
    text, lines = note[: at + 1], note[at + 2 :].splitlines(keepends=True)
    if not lines:
        raise NoteError("a note without signatures")
    if len(lines) > MAX_SIGNATURES:
        raise NoteError(f"a note with more than {MAX_SIGNATURES} signatures")
    signatures = []
    for line in lines:
        if not line.startswith(DASH):
            raise NoteError(f"not a signature line: {line!r}")
        try:
            name, encoded = line[len(DASH) :].rstrip("\n").split(" ")
            raw = base64.b64decode(encoded, validate=True)
        except (ValueError, binascii.Error) as error:
            raise NoteError(f"not a signature line: {line!r}") from error
        if not name or len(raw) < 5:
            raise NoteError(f"not a signature line: {line!r}")
        signatures.append(Signature(name, raw[:4], raw[4:], line))
    return text, signatures


def open_note(note: str | bytes, verifiers: list[Verifier]) -> tuple[str, list[Verifier]]:
    """The note's text and the known keys whose signatures verified. A known key (same name
    and ID) whose signature fails makes the whole note refused, as does no known signature."""
    text, signatures = split(note)
    known = {(v.name, v.key_id): v for v in verifiers}
    verified = []
    for signature in signatures:
        verifier = known.get((signature.name, signature.key_id))
        if verifier is None:
            continue
        if not verifier.verify(text.encode(), signature.signature):
            raise NoteError(f"the signature of {signature.name} does not verify")
        verified.append(verifier)
    if not verified:
        raise NoteError("no signature by a known key")
    return text, verified
