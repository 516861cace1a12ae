"""A full-text index for the demand search on PostgreSQL (tracker.search).

The expression is exactly the one ``tracker.search.search_vector()`` compiles to, so that
PostgreSQL uses the index. No model state changes: SQLite (development) has no such index.
"""

from django.db import migrations

FIELDS = ("reference", "title_nl", "title_en", "summary_nl", "summary_en", "quote")
VECTOR = "to_tsvector('simple'::regconfig, {})".format(
    " || ' ' || ".join(f"COALESCE({field}, '')" for field in FIELDS)
)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS tracker_demand_search ON tracker_demand USING gin ({VECTOR})"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS tracker_demand_search")


class Migration(migrations.Migration):
    dependencies = [("tracker", "0005_ledger_moves_to_its_own_app")]

    operations = [migrations.RunPython(create_index, drop_index)]
