"""Append-only in the database itself: triggers that refuse UPDATE and DELETE on the ledger's
tables (and TRUNCATE on PostgreSQL), whichever door the SQL comes through.

The only way past them is ``maintenance()``, which the test suite's flush and ``manage.py
restore`` use to empty the tables as a whole. An operator with the database's superuser can
still drop a trigger: that is what the signed checkpoints, kept outside the database, catch.

A migration that rebuilds a ledger table (SQLite rebuilds tables to alter them) drops its
triggers: such a migration must call ``install_triggers`` again. ``tests/ledger`` checks that
they are in place after ``migrate``.
"""

import threading
from contextlib import contextmanager

from django.db import connections
from django.db.backends.signals import connection_created

APPEND_ONLY_TABLES = ("ledger_entry", "ledger_checkpoint")
REFUSAL = "the ledger is append-only"

_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION ledger_refuse_rewrite() RETURNS trigger AS $$
BEGIN
    IF current_setting('ledger.maintenance', true) = 'on' THEN
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '{REFUSAL}: % on % refused', TG_OP, TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
"""

_local = threading.local()


def _append_only() -> int:
    return 0 if getattr(_local, "maintenance", False) else 1


def _register_function(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        # Triggers call it; a connection without it (the sqlite3 shell) cannot even prepare an
        # UPDATE or DELETE of the ledger: "no such function: ledger_is_append_only".
        connection.connection.create_function("ledger_is_append_only", 0, _append_only)


def connect_signals() -> None:
    connection_created.connect(_register_function, dispatch_uid="ledger_maintenance")


def trigger_sql(vendor: str) -> list[str]:
    if vendor == "postgresql":
        statements = [_PG_FUNCTION]
        for table in APPEND_ONLY_TABLES:
            statements += [
                f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}",
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION ledger_refuse_rewrite()",
                f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}",
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_rewrite()",
            ]
        return statements
    if vendor == "sqlite":
        statements = []
        for table in APPEND_ONLY_TABLES:
            for operation in ("UPDATE", "DELETE"):
                name = f"{table}_no_{operation.lower()}"
                statements += [
                    f"DROP TRIGGER IF EXISTS {name}",
                    f"CREATE TRIGGER {name} BEFORE {operation} ON {table} "
                    f"WHEN ledger_is_append_only() BEGIN "
                    f"SELECT RAISE(ABORT, '{REFUSAL}: {operation} on {table} refused'); END",
                ]
        return statements
    return []


def install_triggers(schema_editor) -> None:
    for statement in trigger_sql(schema_editor.connection.vendor):
        schema_editor.execute(statement, params=None)


def installed_triggers(using: str = "default") -> set[str]:
    """The names of the append-only triggers present in the database."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgrelid IN "
                "(SELECT oid FROM pg_class WHERE relname = ANY(%s))",
                [list(APPEND_ONLY_TABLES)],
            )
        elif connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            return set()
        return {row[0] for row in cursor.fetchall()}


@contextmanager
def maintenance(using: str = "default"):
    """Let whole ledger tables be emptied: for the test suite's flush and ``restore`` only."""
    connection = connections[using]
    connection.ensure_connection()
    _local.maintenance = True
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET ledger.maintenance = 'on'")
    try:
        yield
    finally:
        _local.maintenance = False
        if connection.vendor == "postgresql" and connection.connection is not None:
            with connection.cursor() as cursor:
                cursor.execute("RESET ledger.maintenance")
