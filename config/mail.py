"""E-mail to the terminal of ``make run``: one readable line per message.

Django's console backend prints each message as raw MIME (encoded subjects, base64
parts), which the Celery worker logs at WARNING level. This backend logs one INFO line
per message: recipients, the subject as written, and the reminder's kind. With
``EMAIL_VERBOSE=true`` it also logs the message's headers and plain-text body.
"""

import logging

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend

logger = logging.getLogger("tracker.mail")


class ConsoleLogBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        for message in email_messages:
            kind = message.extra_headers.get("X-Reminder-Kind", "")
            logger.info(
                "E-mail to %s: %s%s",
                ", ".join(message.recipients()),
                message.subject,
                f" [{kind}]" if kind else "",
            )
            if settings.EMAIL_VERBOSE:
                logger.info("%s", self.readable(message))
        return len(email_messages)

    @staticmethod
    def readable(message) -> str:
        headers = {
            "From": message.from_email,
            "To": ", ".join(message.to),
            "Subject": message.subject,
            **message.extra_headers,
        }
        parts = [f"{name}: {value}" for name, value in headers.items()]
        alternatives = [mimetype for _content, mimetype in getattr(message, "alternatives", [])]
        if alternatives:
            parts.append(f"(also as {', '.join(alternatives)})")
        return "\n".join([*parts, "", message.body, "-" * 72])
