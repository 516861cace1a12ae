"""The terminal of ``make run`` shows one readable line per e-mail (config/mail.py)."""

import logging
import os
import subprocess
import sys

from django.core.mail import EmailMultiAlternatives, get_connection

BACKEND = "config.mail.ConsoleLogBackend"


def reminder_email() -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject="Vóór het vervolgoverleg op 8 december: 2 van je eisen vragen aandacht",
        body="Beste Fenna,\n\nWKA-2025-02 is verlopen.",
        to=["fenna@example.org"],
        headers={"X-Reminder-Kind": "meeting_digest"},
    )
    message.attach_alternative("<p>Beste Fenna,</p>", "text/html")
    return message


def test_one_line_per_reminder_with_recipient_subject_and_kind(caplog, capsys, settings):
    settings.EMAIL_VERBOSE = False
    with caplog.at_level(logging.INFO, logger="tracker.mail"):
        sent = get_connection(BACKEND).send_messages([reminder_email()])

    assert sent == 1
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        (
            "INFO",
            "E-mail to fenna@example.org: Vóór het vervolgoverleg op 8 december: "
            "2 van je eisen vragen aandacht [meeting_digest]",
        )
    ]
    assert capsys.readouterr().out == ""  # no raw MIME on the terminal


def test_the_whole_message_only_when_verbose(caplog, settings):
    settings.EMAIL_VERBOSE = True
    with caplog.at_level(logging.INFO, logger="tracker.mail"):
        get_connection(BACKEND).send_messages([reminder_email()])

    full = caplog.records[1].getMessage()
    assert "Subject: Vóór het vervolgoverleg" in full
    assert "WKA-2025-02 is verlopen." in full
    assert "=?utf-8?" not in full  # decoded, not MIME-encoded


def test_make_run_mails_to_the_readable_backend_unless_email_url_says_otherwise():
    def backend(**env) -> str:
        environment = {k: v for k, v in os.environ.items() if k != "EMAIL_URL"} | env
        code = "from django.conf import settings; print(settings.EMAIL_BACKEND)"
        return subprocess.run(
            [sys.executable, "-c", code], env=environment, capture_output=True, text=True
        ).stdout.strip()

    assert backend(DJANGO_SETTINGS_MODULE="config.settings") == BACKEND
    assert (
        backend(DJANGO_SETTINGS_MODULE="config.settings", EMAIL_URL="smtp://localhost:25")
        == "django.core.mail.backends.smtp.EmailBackend"
    )
