from contextlib import ExitStack

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.utils import translation


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in Dutch: a request in English leaves English active in its thread,
    and public URLs are reversed with the active language's prefix."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """The suite makes some 500 users; hashing each password for real costs 0.2 s, a third
    of the suite's time. The hasher is not under test here (production's runs in its own
    processes, in tests/deploy)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The coalition's seed (``load_seed``), loaded once for the module's tests: each test
    runs in a savepoint of this transaction, which is rolled back after the last one. The
    same data as loading it for every test, without its 1.5 s each time."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_seed", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def admin_client_for(client):
    """Log ``client`` in as the given user, for the admin."""

    def log_in(user):
        client.force_login(user)
        return client

    return log_in


def _flush_with_the_ledger_unlocked():
    """Tests on committed data (live servers, other processes) end with a flush of every
    table. The ledger's tables refuse DELETE and TRUNCATE by trigger; the flush is the one
    door through them (``ledger.db.maintenance``)."""
    from django.db import connections
    from django.test import TransactionTestCase

    from ledger.db import maintenance

    flush = TransactionTestCase._fixture_teardown

    def teardown(self):
        with ExitStack() as stack:
            for alias in self._databases_names(include_mirrors=False):
                stack.enter_context(maintenance(alias))
            flush(self)
        for alias in connections:
            connections[alias].close_if_unusable_or_obsolete()

    TransactionTestCase._fixture_teardown = teardown


_flush_with_the_ledger_unlocked()
