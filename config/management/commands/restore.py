import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from config import backup


class Command(BaseCommand):
    help = (
        "Replace the whole database with a backup made by `manage.py backup`, after first "
        "backing up the database as it is now; then check the restored ledger with "
        "verify_ledger and say what it found. Stop the web and Celery processes first."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the backup file")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, path, yes=False, **options):
        if not yes:
            if not sys.stdin.isatty():
                raise CommandError("Restoring replaces the whole database: add --yes to confirm.")
            answer = input(f"Replace the whole database with {path}? Type 'yes' to go on: ")
            if answer.strip() != "yes":
                raise CommandError("Nothing restored.")
        try:
            backup.check(path)
            current = backup.backup()
            self.stdout.write(f"The database as it was is saved in {current}")
            backup.restore(path)
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(f"Restored {path}."))
        self.stdout.write("Checking the restored ledger (verify_ledger):")
        try:
            call_command("verify_ledger", stdout=self.stdout, stderr=self.stderr)
        except CommandError as verdict:
            raise CommandError(f"Restored, but the ledger does not verify: {verdict}") from None
