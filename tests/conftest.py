import pytest


@pytest.fixture
def admin_client_for(client):
    """Log ``client`` in as the given user, for the admin."""

    def log_in(user):
        client.force_login(user)
        return client

    return log_in
