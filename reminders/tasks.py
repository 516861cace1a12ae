"""Celery tasks: thin doors onto ``reminders.sending``."""

from celery import shared_task

from . import sending


# The name it was registered under before the reminders had an app of their own: the
# beat's schedule and any message already queued still find it.
@shared_task(name="tracker.tasks.sweep_reminders", ignore_result=True)
def sweep_reminders() -> dict[str, int]:
    """Plan what is owed and send what is due. Idempotent: any number may run at once."""
    return sending.sweep()
