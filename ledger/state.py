"""What an item says, in the ledger's words: plain JSON values that entries record and that
verification compares with the tables.

Each tracked model lists its public fields in ``LEDGER_FIELDS``. A relation is written as the
related object's stable public key (a slug or a reference), several as a sorted list; a
number as a plain decimal string; a date in ISO form. Owners and priorities are internal
and stay out of the ledger.
"""

import datetime
import decimal
from collections import defaultdict
from typing import Any

from django.db import models


def natural_field(model: type[models.Model]) -> str:
    return "reference" if any(f.name == "reference" for f in model._meta.fields) else "slug"


def subject_key(item) -> str:
    """How an entry names its item: ``demand:WKA-2025-03``, ``statement:TZ-2023-01``."""
    return f"{item._meta.model_name}:{item.reference}"


def scalar(value: Any) -> Any:
    if isinstance(value, decimal.Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


class Words:
    """Turns items into the ledger's words. Natural keys of related rows are fetched once per
    model and kept, so that reading many items costs a few queries, not one per relation."""

    def __init__(self):
        self._keys: dict[type[models.Model], dict[int, str]] = defaultdict(dict)
        self._m2m: dict[tuple[type[models.Model], str], dict[int, list[str]]] = {}

    def key(self, model: type[models.Model], pk: int | None) -> str | None:
        if pk is None:
            return None
        keys = self._keys[model]
        if pk not in keys:
            keys.update(
                model._default_manager.filter(pk=pk).values_list("pk", natural_field(model))
            )
        return keys.get(pk)

    def preload(self, model: type[models.Model], names: tuple[str, ...]) -> None:
        """Read every relation of ``model``'s ``names`` for all its rows at once."""
        for name in names:
            field = model._meta.get_field(name)
            if field.many_to_many:
                through = field.remote_field.through
                own, other = field.m2m_field_name(), field.m2m_reverse_field_name()
                target = field.related_model
                natural = natural_field(target)
                rows = through.objects.values_list(f"{own}_id", f"{other}__{natural}")
                grouped: dict[int, list[str]] = defaultdict(list)
                for pk, key in rows.iterator(chunk_size=5000):
                    grouped[pk].append(key)
                self._m2m[(model, name)] = {pk: sorted(keys) for pk, keys in grouped.items()}
            elif field.is_relation:
                target = field.related_model
                self._keys[target].update(
                    target._default_manager.values_list("pk", natural_field(target))
                )

    def value(self, item: models.Model, name: str) -> Any:
        field = item._meta.get_field(name)
        if field.many_to_many:
            preloaded = self._m2m.get((type(item), name))
            if preloaded is not None:
                return preloaded.get(item.pk, [])
            natural = natural_field(field.related_model)
            return sorted(getattr(item, name).values_list(natural, flat=True))
        if field.is_relation:
            return self.key(field.related_model, getattr(item, field.attname))
        value = getattr(item, name)
        # A value set in Python (600) reads back from the database as its field's type.
        return scalar(field.to_python(value) if value is not None else None)

    def state(self, item: models.Model, names: tuple[str, ...] | None = None) -> dict[str, Any]:
        return {name: self.value(item, name) for name in names or item.LEDGER_FIELDS}

    def word(self, model: type[models.Model], name: str, value: Any) -> Any:
        """The ledger's word for a Python value about to be given to ``name``."""
        field = model._meta.get_field(name)
        if field.many_to_many:
            natural = natural_field(field.related_model)
            return sorted(
                getattr(obj, natural)
                if isinstance(obj, models.Model)
                else self.key(field.related_model, obj)
                for obj in value
            )
        if field.is_relation:
            if isinstance(value, models.Model):
                return getattr(value, natural_field(field.related_model))
            return self.key(field.related_model, value)
        return scalar(field.to_python(value) if value is not None else None)


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list]:
    """``{field: [old, new]}`` for each field of ``after`` whose word differs from ``before``."""
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value
    }


def replay(states: dict[str, dict[str, Any]], subject: str, changes: dict[str, list]) -> None:
    """Apply an entry's ``changes`` to the state of ``subject`` it describes."""
    state = states.setdefault(subject, {})
    for name, (_old, new) in changes.items():
        state[name] = new
