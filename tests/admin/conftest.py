import pytest


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # The world creates a user per role; the real hasher's cost is not under test here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
