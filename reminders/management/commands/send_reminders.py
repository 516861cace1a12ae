from django.core.management.base import BaseCommand

from reminders import sending


class Command(BaseCommand):
    help = (
        "Plan the reminders that are owed and send those that are due, once: the beat's "
        "sweep, for operators and for cron where Celery is not wanted."
    )

    def handle(self, *args, **options):
        result = sending.sweep()
        self.stdout.write(", ".join(f"{name}: {count}" for name, count in result.items()))
