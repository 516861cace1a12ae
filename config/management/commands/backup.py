from django.core.management.base import BaseCommand, CommandError

from config import backup


class Command(BaseCommand):
    help = (
        "Back up the whole database into BACKUP_DIR (or --dir): SQLite's online backup, or "
        "pg_dump on PostgreSQL. Safe while the site runs. --keep N deletes all but the N "
        "newest backups there."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dir", help="where to write the backup (default: BACKUP_DIR)")
        parser.add_argument("--keep", type=int, default=0, help="keep only the N newest")

    def handle(self, *args, dir=None, keep=0, **options):
        try:
            path = backup.backup(dir)
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(f"Backup written: {path}"))
        for old in backup.prune(dir, keep):
            self.stdout.write(f"Deleted old backup {old}")
