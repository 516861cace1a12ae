import base64

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey


@pytest.fixture
def signing_key(settings, tmp_path):
    """A ledger signing key and witness file of the test's own, to sign checkpoints."""
    key = Ed25519PrivateKey.generate()
    settings.LEDGER_SIGNING_KEY = base64.b64encode(key.private_bytes_raw()).decode()
    settings.LEDGER_WITNESS_FILE = str(tmp_path / "witness.jsonl")
    return key
