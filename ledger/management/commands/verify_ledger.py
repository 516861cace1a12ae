from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ledger import checkpoints
from ledger.verify import SavedCheckpoint, verify


class Command(BaseCommand):
    help = (
        "Check the whole ledger: every entry's hashes and link, that it extends every signed "
        "checkpoint (those in the database, the witness file, and any --checkpoint file you "
        "saved), and that each demand and statement says what its ledger says."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--checkpoint",
            action="append",
            default=[],
            metavar="FILE",
            help="A checkpoint saved elsewhere (JSON, or one JSON object per line). Repeatable.",
        )
        parser.add_argument("--no-witness", action="store_true", help="Ignore LEDGER_WITNESS_FILE.")

    def handle(self, *args, checkpoint, no_witness, **options):
        saved = []
        files = [Path(name) for name in checkpoint]
        witness = settings.LEDGER_WITNESS_FILE
        if witness and not no_witness and Path(witness).exists():
            files.append(Path(witness))
        for path in files:
            try:
                saved += [
                    SavedCheckpoint.from_dict(data, str(path))
                    for data in checkpoints.read_witness(path)
                ]
            except (OSError, ValueError, KeyError, TypeError) as error:
                raise CommandError(f"{path}: not a checkpoint file ({error}).") from error
        report = verify(saved)
        if not report.intact:
            for problem in report.problems[:50]:
                self.stderr.write(f"  {problem}")
            if len(report.problems) > 50:
                self.stderr.write(f"  … and {len(report.problems) - 50} more")
            raise CommandError(
                f"Ledger NOT intact: {len(report.problems)} problems in {report.entries} entries."
            )
        latest = report.latest
        signed = (
            f"; latest checkpoint: {latest.size} entries, signed {latest.signed_at:%Y-%m-%d %H:%M}"
            if latest
            else "; no checkpoint signed yet"
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Ledger intact: {report.entries} entries and {report.checkpoints} checkpoints "
                f"verified, every item matches its ledger{signed}."
            )
        )
