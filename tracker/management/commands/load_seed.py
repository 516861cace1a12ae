from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

SEED = Path(settings.BASE_DIR) / "fixtures" / "seed.yaml"


class Command(BaseCommand):
    help = (
        "Load the coalition's sources, demands, commitments, meetings and figures from "
        "fixtures/seed.yaml. Objects already present (same slug or reference) are left as "
        "they are, so loading twice changes nothing and never undoes staff's work."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(SEED))

    def handle(self, path, **options):
        path = Path(path)
        if not path.exists():
            raise CommandError(f"No seed file at {path}.")
        created = kept = 0
        try:
            with transaction.atomic(), path.open(encoding="utf-8") as stream:
                for deserialized in serializers.deserialize("yaml", stream):
                    obj = deserialized.object
                    if obj.pk is not None:
                        kept += 1  # Found by its natural key: already loaded.
                        continue
                    try:
                        obj.full_clean()
                    except ValidationError as error:
                        raise CommandError(
                            f"{path}: {obj._meta.label} {obj}: {error.message_dict}. "
                            "Nothing was saved."
                        ) from error
                    # A plain save, not a raw one, so that defaults such as created_at apply.
                    obj.save()
                    for name, values in (deserialized.m2m_data or {}).items():
                        getattr(obj, name).set(values)
                    created += 1
        except serializers.base.DeserializationError as error:
            raise CommandError(f"{path} could not be loaded, nothing was saved: {error}") from error
        self.stdout.write(f"Seed data: {created} objects created, {kept} already present.")
