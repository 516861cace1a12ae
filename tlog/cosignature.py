"""C2SP tlog-cosignature (``cosignature/v1``): a witness's timestamped Ed25519 signature of a
checkpoint it checked, a signature line of type 0x04 on the log's note.

The witness signs ``cosignature/v1\\ntime <seconds>\\n`` followed by the checkpoint's body;
the line carries key ID, the time as a big-endian 64-bit number, then the signature.
"""

import base64
from dataclasses import dataclass

from .note import DASH, Signature, Signer, Verifier, key_id, public_bytes

COSIGNATURE = 0x04


def message(body: str, timestamp: int) -> bytes:
    return f"cosignature/v1\ntime {timestamp}\n".encode() + body.encode()


def cosigner_verifier(name: str, public: bytes) -> Verifier:
    return Verifier(name, key_id(name, COSIGNATURE, public), public, COSIGNATURE)


@dataclass(frozen=True)
class Cosigner:
    signer: Signer

    @property
    def verifier(self) -> Verifier:
        return cosigner_verifier(self.signer.name, public_bytes(self.signer.private.public_key()))

    def line(self, body: str, timestamp: int) -> str:
        signature = self.signer.private.sign(message(body, timestamp))
        raw = self.verifier.key_id + timestamp.to_bytes(8, "big") + signature
        return f"{DASH}{self.signer.name} {base64.b64encode(raw).decode()}\n"


def verify(body: str, signature: Signature, verifier: Verifier) -> int | None:
    """When the witness cosigned ``body``; None when the line is not its valid cosignature."""
    if (signature.name, signature.key_id) != (verifier.name, verifier.key_id):
        return None
    if len(signature.signature) != 8 + 64:
        return None
    timestamp = int.from_bytes(signature.signature[:8], "big")
    if not verifier.verify(message(body, timestamp), signature.signature[8:]):
        return None
    return timestamp
