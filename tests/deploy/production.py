"""Production settings, loaded for real: in a fresh process, with DEBUG off."""

import base64
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def strong_secret_key() -> str:
    return secrets.token_urlsafe(50)


def production_env(**overrides: str) -> dict[str, str]:
    """What an operator sets: a real key, the host, the https address; DEBUG off."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DEBUG",
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "SITE_URL",
            "DEMO_MODE",
            "LEDGER_SIGNING_KEY",
        }
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        SECRET_KEY=strong_secret_key(),
        # The ledger's checkpoint key, as production sets it (never the worktree's key file).
        LEDGER_SIGNING_KEY=base64.b64encode(secrets.token_bytes(32)).decode(),
        LEDGER_SIGNING_KEY_FILE="/nonexistent/signing.key",
        ALLOWED_HOSTS="tracker.example.org",
        SITE_URL="https://tracker.example.org",
    )
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def run_python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )


def load_settings(names: list[str], env: dict[str, str]) -> dict:
    """The named settings as a fresh process loads them from ``env``."""
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}, default=str))"
    )
    done = run_python(code, env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])
