from django.core.management.base import BaseCommand, CommandError

from tracker.ledger import find_break


class Command(BaseCommand):
    help = "Check the whole ledger's hash chain and name the first broken entry."

    def handle(self, *args, **options):
        verified, broken = find_break()
        if broken:
            raise CommandError(
                f"Ledger broken at entry {broken.entry_id}: {broken.reason}. "
                f"{verified} entries before it verified."
            )
        self.stdout.write(self.style.SUCCESS(f"Ledger intact: {verified} entries verified."))
