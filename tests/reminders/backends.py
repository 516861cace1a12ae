import datetime
import smtplib

from django.core.mail.backends.locmem import EmailBackend


class RefusingBackend(EmailBackend):
    """Like the test outbox, but the server answers 451 while ``refuse`` is on."""

    refuse = False

    def send_messages(self, messages):
        if RefusingBackend.refuse:
            raise smtplib.SMTPDataError(451, b"4.3.0 Try again later")
        return super().send_messages(messages)


class SlowBackend(EmailBackend):
    """Each send takes two minutes of (travelled) time; records the lease it was sent under."""

    traveller = None
    leases: list = []

    def send_messages(self, messages):
        from tracker.models import Reminder

        SlowBackend.leases += Reminder.objects.filter(claimed_until__isnull=False).values_list(
            "claimed_until", flat=True
        )
        SlowBackend.traveller.shift(datetime.timedelta(minutes=2))
        return super().send_messages(messages)
