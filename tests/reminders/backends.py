import smtplib

from django.core.mail.backends.locmem import EmailBackend


class RefusingBackend(EmailBackend):
    """Like the test outbox, but the server answers 451 while ``refuse`` is on."""

    refuse = False

    def send_messages(self, messages):
        if RefusingBackend.refuse:
            raise smtplib.SMTPDataError(451, b"4.3.0 Try again later")
        return super().send_messages(messages)
