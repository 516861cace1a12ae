import base64
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ledger import checkpoints
from ledger.models import SigningKey


class Command(BaseCommand):
    help = (
        "The key that signs the ledger's checkpoints. `create` writes a new key file (or "
        "prints a key for LEDGER_SIGNING_KEY with --print); `rotate` retires the current key, "
        "creates a new one and signs a checkpoint with it; `show` prints the public keys."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["create", "rotate", "show"])
        parser.add_argument(
            "--print",
            action="store_true",
            help="Print the new private key (base64) for LEDGER_SIGNING_KEY instead of a file.",
        )

    def handle(self, action, print, **options):
        if action == "show":
            for key in SigningKey.objects.all():
                state = f"retired {key.retired_at:%Y-%m-%d}" if key.retired_at else "current"
                self.stdout.write(f"{key.key_id}  {key.public_key}  ({state})")
            return
        path = Path(settings.LEDGER_SIGNING_KEY_FILE)
        if print:
            key = Ed25519PrivateKey.generate()
            self.stdout.write(base64.b64encode(key.private_bytes_raw()).decode())
            self.stderr.write("Set it as LEDGER_SIGNING_KEY; keep it secret; keep a copy offline.")
            return
        if action == "create":
            if path.exists() or settings.LEDGER_SIGNING_KEY:
                raise CommandError(f"A key exists already ({path}); use `rotate` to replace it.")
            key = checkpoints.generate_key_file(path)
            signing_key = checkpoints.register(key)
            self.stdout.write(f"New signing key {signing_key.key_id} in {path}.")
            return
        if settings.LEDGER_SIGNING_KEY:
            raise CommandError(
                "The key comes from LEDGER_SIGNING_KEY: create a new one with --print, set it, "
                "then run `rotate` again without the old value."
            )
        old = SigningKey.objects.filter(retired_at__isnull=True)
        if path.exists():
            path.rename(path.with_suffix(f".retired-{timezone.now():%Y%m%d%H%M%S}"))
        key = checkpoints.generate_key_file(path)
        signing_key = checkpoints.register(key)
        for retired in old.exclude(pk=signing_key.pk):
            SigningKey.objects.filter(pk=retired.pk).update(retired_at=timezone.now())
        checkpoint = checkpoints.sign(force=True)
        self.stdout.write(
            f"New signing key {signing_key.key_id}; checkpoint over {checkpoint.size} entries."
        )
