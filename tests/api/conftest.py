import base64

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.cache import cache
from rest_framework.test import APIClient

from accounts.models import ApiToken
from tests.factories import OrganisationFactory, UserFactory, coordinator, editor
from tests.public_site.world import build_world


@pytest.fixture(autouse=True)
def api_settings(settings, tmp_path):
    """Rates no test reaches unless it means to, throttles that start from zero, and a
    signing key of the test's own. (The fast password hasher is the whole suite's:
    tests/conftest.py.)"""
    settings.API_RATE_ANONYMOUS = "100000/minute"
    settings.API_RATE_SIGNED_IN = "100000/minute"
    key = Ed25519PrivateKey.generate()
    settings.LEDGER_SIGNING_KEY = base64.b64encode(key.private_bytes_raw()).decode()
    settings.LEDGER_WITNESS_FILE = str(tmp_path / "witness.jsonl")
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db):
    return build_world(12)


def client_with_token(user, *, revoked=False) -> APIClient:
    token, key = ApiToken.issue(user, "tests")
    if revoked:
        token.revoke()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


@pytest.fixture
def people(world):
    """One person of each kind the permission matrix names; the world's items belong to
    ``editor_own``'s organisation."""
    own = world["organisation"]
    return {
        "anonymous": None,
        "staff_without_role": UserFactory(organisation=own, email="norole@example.org"),
        "editor_own": editor(organisation=own, email="editor.own@example.org"),
        "editor_other": editor(
            organisation=OrganisationFactory(slug="save-the-children"),
            email="editor.other@example.org",
        ),
        "coordinator": coordinator(
            organisation=OrganisationFactory(slug="werkgroep-kind-in-azc"),
            email="coordinator@example.org",
        ),
        "revoked_token": editor(organisation=own, email="revoked@example.org"),
    }


@pytest.fixture
def clients(people):
    made = {}
    for kind, user in people.items():
        if user is None:
            made[kind] = APIClient()
        else:
            made[kind] = client_with_token(user, revoked=kind == "revoked_token")
    return made
