"""What ``make run`` prints when it starts (``run_embedded``): the addresses and one login for
each role to try, the same as ``setup_demo`` created."""

import io

import pytest

from config.management.commands.run_embedded import Command
from workplace.management.commands.setup_demo import DEMO_USERS

pytestmark = pytest.mark.no_database


def test_the_welcome_names_every_demo_login(settings):
    settings.DEMO_MODE = True
    out = io.StringIO()
    Command(stdout=out)._welcome("127.0.0.1:8123")
    text = out.getvalue()
    assert "http://127.0.0.1:8123/admin/" in text
    for email, _name, _organisation, role, _what in DEMO_USERS:
        (line,) = [line for line in text.splitlines() if f" {email} " in line]
        assert str(role.label if role else "no role") in line
