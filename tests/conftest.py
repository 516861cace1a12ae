import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in Dutch: a request in English leaves English active in its thread,
    and public URLs are reversed with the active language's prefix."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture
def admin_client_for(client):
    """Log ``client`` in as the given user, for the admin."""

    def log_in(user):
        client.force_login(user)
        return client

    return log_in
