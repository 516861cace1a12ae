"""The standalone public verifier (bin/verify_public_ledger.py), loaded as a module."""

import importlib.util
from pathlib import Path

from django.conf import settings

_PATH = Path(settings.BASE_DIR) / "bin" / "verify_public_ledger.py"
_spec = importlib.util.spec_from_file_location("verify_public_ledger", _PATH)
public_verifier = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(public_verifier)
