"""Celery tasks: thin doors onto ``tracker.reminders``."""

from celery import shared_task

from . import reminders


@shared_task(ignore_result=True)
def sweep_reminders() -> dict[str, int]:
    """Plan what is owed and send what is due. Idempotent: any number may run at once."""
    return reminders.sweep()
