import datetime
from pathlib import Path

import yaml
from django.conf import settings
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ledger import services
from ledger.models import Entry
from tracker.models import Demand, Source, Statement

SEED = Path(settings.BASE_DIR) / "fixtures" / "seed.yaml"
HISTORY = Path(settings.BASE_DIR) / "fixtures" / "history.yaml"


class Command(BaseCommand):
    help = (
        "Load the coalition's sources, demands, government statements, meetings and figures "
        "from fixtures/seed.yaml, and what the documents record of them since (responses, "
        "decisions, status changes) from fixtures/history.yaml, through the ledger. Objects "
        "already present (same slug or reference) and events already recorded are left as "
        "they are, so loading twice changes nothing and never undoes staff's work."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(SEED))
        parser.add_argument("--history", default=str(HISTORY))

    def handle(self, path, history, **options):
        path, history = Path(path), Path(history)
        if not path.exists():
            raise CommandError(f"No seed file at {path}.")
        with services.writing():
            created, kept = self.load_objects(path)
            recorded = self.load_history(history) if history.exists() else 0
        self.stdout.write(
            f"Seed data: {created} objects created, {kept} already present; "
            f"{recorded} events from the documents recorded in the ledger."
        )

    def load_objects(self, path: Path) -> tuple[int, int]:
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
                    relations = deserialized.m2m_data or {}
                    if isinstance(obj, Demand | Statement):
                        services.enter(
                            obj, by=None, relations=relations, occurred_on=obj.source.date
                        )
                    else:
                        # A plain save, not a raw one, so that defaults such as created_at apply.
                        obj.save()
                        for name, values in relations.items():
                            getattr(obj, name).set(values)
                    created += 1
        except serializers.base.DeserializationError as error:
            raise CommandError(f"{path} could not be loaded, nothing was saved: {error}") from error
        return created, kept

    def load_history(self, path: Path) -> int:
        """Record each event of the history file once: responses, status and deadline changes,
        dated on their documents, with the document as evidence."""
        events = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        recorded = 0
        for number, event in enumerate(events, start=1):
            try:
                if self.record(event):
                    recorded += 1
            except (KeyError, ValueError, ValidationError, Source.DoesNotExist) as error:
                raise CommandError(f"{path}, event {number} ({event}): {error}") from error
            except (Demand.DoesNotExist, Statement.DoesNotExist) as error:
                raise CommandError(f"{path}, event {number}: no such item ({error}).") from error
        return recorded

    def record(self, event: dict) -> bool:
        if "demand" in event:
            item = Demand.objects.get(reference=event["demand"])
        else:
            item = Statement.objects.get(reference=event["statement"])
        source = Source.objects.get(slug=event["source"]) if event.get("source") else None
        occurred_on = _date(event.get("occurred_on")) or (source.date if source else None)
        common = {
            "by": None,
            "public_note": event.get("note", ""),
            "evidence_url": event.get("evidence_url", ""),
            "source": source,
            "quote": event.get("quote", ""),
        }
        if "response" in event:
            kind, field, value = Entry.Kind.RESPONSE, "response", event["response"]
        elif "status" in event:
            kind, field, value = Entry.Kind.STATUS, "status", event["status"]
        else:
            kind, field, value = Entry.Kind.DEADLINE, "deadline", event["deadline"]
        done = services.entries_of(item).filter(kind=kind, occurred_on=occurred_on)
        if any(entry.changes.get(field, [None, None])[1] == _word(value) for entry in done):
            return False
        if kind == Entry.Kind.RESPONSE:
            services.record_response(item, value, responded_on=occurred_on, **common)
        elif kind == Entry.Kind.STATUS:
            services.record_status_change(item, value, occurred_on=occurred_on, **common)
        else:
            services.record_deadline_change(
                item,
                _date(value),
                deadline_text=event.get("deadline_text"),
                occurred_on=occurred_on,
                **common,
            )
        return True


def _date(value) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


def _word(value):
    return value.isoformat() if isinstance(value, datetime.date) else value
