"""What still uses a record: the rows that refer to it, through any relation.

The admin refuses to delete a theme, actor, source, indicator or meeting while ``uses``
finds anything, and names what: deleting would otherwise unlink demands from a theme
without a trace, or take an indicator's measurements with it.
"""

from dataclasses import dataclass

from django.db import models

EXAMPLES = 10


@dataclass(frozen=True)
class Use:
    """Rows of one model that refer to the record: how many, and the first few."""

    model: type[models.Model]
    count: int
    examples: list[models.Model]


def uses(record: models.Model) -> list[Use]:
    """Every relation of ``record`` that holds rows: reverse foreign keys and
    many-to-many relations in both directions. One count query per relation."""
    found = []
    for field in record._meta.get_fields():
        if not (field.one_to_many or field.many_to_many):
            continue
        accessor = field.name if field.concrete else field.get_accessor_name()
        related = getattr(record, accessor).all()
        count = related.count()
        if count:
            found.append(Use(field.related_model, count, list(related[:EXAMPLES])))
    return found
