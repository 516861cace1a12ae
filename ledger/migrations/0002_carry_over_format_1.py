"""Carry the format-1 ledger (tracker.StatusChange) over, link the new chain to it, and make
the tables append-only in the database.

1. Every format-1 entry is copied as it was, same order, same hashes (``kind=legacy``): its
   hash still verifies with the format-1 rule (``ledger.chain.legacy_hash``).
2. Every demand and statement then gets a format-2 entry recording everything it says now,
   chained after the last format-1 entry: from here on the ledger replays to the tables.
3. The chain head and the triggers.
"""

import datetime
import decimal
import secrets

from django.db import migrations
from django.utils import timezone

from ledger import chain
from ledger.db import install_triggers

# The public fields as this migration knows them (frozen: later changes to LEDGER_FIELDS
# come with migrations of their own).
COMMON = [
    "title_nl", "title_en", "quote", "quote_location", "source", "organisation", "deadline",
    "deadline_text", "target_qualifier", "target_value", "target_unit",
    "target_description_nl", "target_description_en", "status", "is_published",
]
FIELDS = {
    "demand": COMMON + [
        "summary_nl", "summary_en", "raised_by", "adopted", "addressees", "themes",
        "duplicate_of", "response", "responded_on",
    ],
    "statement": COMMON + [
        "kind", "description_nl", "description_en", "actor", "made_on", "made_on_precision",
        "answers",
    ],
}
NOTE = "Opgenomen in het register bij de overgang naar registervorm 2 (openbare preimage)."


def _word(item, name):
    field = item._meta.get_field(name)
    if field.many_to_many:
        target = field.related_model
        natural = "reference" if hasattr(target, "reference") else "slug"
        return sorted(getattr(item, name).values_list(natural, flat=True))
    if field.is_relation:
        related = getattr(item, name)
        if related is None:
            return None
        return getattr(related, "reference", None) or related.slug
    value = getattr(item, name)
    if isinstance(value, decimal.Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def carry_over(apps, schema_editor):
    StatusChange = apps.get_model("tracker", "StatusChange")
    Entry = apps.get_model("ledger", "Entry")
    ChainHead = apps.get_model("ledger", "ChainHead")
    seq, head = 0, chain.GENESIS
    for old in StatusChange.objects.order_by("id").iterator(chunk_size=2000):
        seq += 1
        Entry.objects.create(
            seq=seq,
            format=1,
            kind="legacy",
            demand_id=old.demand_id,
            statement_id=old.commitment_id,
            recorded_at=old.created_at,
            changes={
                "status": [old.from_status, old.to_status],
                "deadline": [
                    old.from_deadline.isoformat() if old.from_deadline else None,
                    old.to_deadline.isoformat() if old.to_deadline else None,
                ],
            },
            public_note=old.public_note,
            internal_note=old.internal_note,
            evidence_url=old.evidence_url,
            author_id=old.author_id,
            previous_hash=old.previous_hash,
            entry_hash=old.entry_hash,
        )
        head = old.entry_hash
    now = timezone.now().replace(microsecond=0)
    for model_name in ("demand", "statement"):
        model = apps.get_model("tracker", model_name)
        for item in model.objects.order_by("pk").iterator(chunk_size=500):
            seq += 1
            changes = {name: [None, _word(item, name)] for name in FIELDS[model_name]}
            salt = secrets.token_hex(32)
            private = chain.private_digest(salt, "", None)
            content = chain.digest(
                chain.preimage(
                    seq=seq,
                    kind="created",
                    subject=f"{model_name}:{item.reference}",
                    occurred_on=None,
                    recorded_at=now,
                    changes=changes,
                    public_note=NOTE,
                    evidence_url="",
                    source=None,
                    quote="",
                    corrects=None,
                    private_digest=private,
                )
            )
            entry_hash = chain.link_hash(seq, now, content, head)
            Entry.objects.create(
                seq=seq,
                format=2,
                kind="created",
                **{f"{model_name}_id": item.pk},
                recorded_at=now,
                changes=changes,
                public_note=NOTE,
                salt=salt,
                private_digest=private,
                content_digest=content,
                previous_hash=head,
                entry_hash=entry_hash,
            )
            head = entry_hash
    ChainHead.objects.update_or_create(pk=1, defaults={"seq": seq, "entry_hash": head})


def triggers(apps, schema_editor):
    install_triggers(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("ledger", "0001_initial"),
        ("tracker", "0004_statement_and_truthful_record"),
    ]

    operations = [
        migrations.RunPython(carry_over, migrations.RunPython.noop),
        migrations.RunPython(triggers, migrations.RunPython.noop),
    ]
