"""The README's open-data examples, run as written against a live server: the Python
example with only the standard library, and the public verifier through the API."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from ledger import checkpoints
from tests.factories import ThemeFactory
from tests.ledger.verifier import public_verifier

pytestmark = pytest.mark.django_db(transaction=True)

README = Path(settings.BASE_DIR) / "README.md"


def readme_block(language: str, after: str) -> str:
    """The first ``language`` code block after the line that contains ``after``."""
    text = README.read_text(encoding="utf-8")
    start = text.index(after)
    return re.search(rf"```{language}\n(.*?)```", text[start:], re.S).group(1)


@pytest.fixture
def site(live_server, world):
    # The README names the seed's theme; the test world gets it, on two of its demands.
    theme = ThemeFactory(slug="noodopvang-afbouw", name_nl="Afbouw noodopvang")
    for demand in world["demands"][:2]:
        demand.themes.add(theme)
    checkpoints.sign()
    return live_server.url


def test_the_python_example_prints_the_demands_of_the_theme(site):
    code = readme_block("python", "The same in Python").replace("http://127.0.0.1:8000", site)
    assert "import requests" not in code
    result = subprocess.run(
        [sys.executable, "-I", "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["WKA-2025-01", "WKA-2025-02"]


def test_the_public_verifier_checks_the_ledger_through_the_api(site, capsys):
    command = readme_block("sh", "Verify the ledger through the API")
    assert "--api" in command
    assert public_verifier.main([site, "--api"]) == 0
    output = capsys.readouterr().out
    assert "verifies" in output and "withheld" in output
    # The same ledger read from the export gives the same verdict.
    assert public_verifier.main([site]) == 0
    assert capsys.readouterr().out.replace(site, "") == output.replace(site, "")
