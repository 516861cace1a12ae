"""Personal tokens: made on the profile page or in the admin, the key shown once and stored
only as a digest, refused (401) once revoked, made (and sessions written with) only after
the two-step login a role asks for; anonymous clients are throttled."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from accounts.models import ApiToken
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ENTRIES = "/api/v1/demands/WKA-2025-01/entries/"
CHANGE = {"kind": "status", "status": "in_progress", "public_note": "Na het debat."}


def bearer(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def test_a_token_made_on_the_profile_page_writes_until_it_is_revoked(client, people, world):
    client.force_login(people["editor_own"])
    page = client.post(reverse("accounts:token_create"), {"token-name": "Script na debatten"})
    assert page.status_code == 200
    key = re.search(r'id="new-api-key"[^>]*>([^<]+)<', page.content.decode()).group(1)
    token = ApiToken.objects.get(user=people["editor_own"], name="Script na debatten")
    assert token.digest == ApiToken.digest_of(key) and key not in token.digest
    assert bearer(key).post(ENTRIES, CHANGE, format="json").status_code == 201
    token.refresh_from_db()
    assert token.last_used_at is not None
    # Shown once: the profile page lists the token by its first characters only.
    listing = client.get(reverse("accounts:profile")).content.decode()
    assert "Script na debatten" in listing and key not in listing and token.prefix in listing

    client.post(reverse("accounts:token_revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None
    refused = bearer(key).get("/api/v1/demands/")
    assert refused.status_code == 401
    assert refused["WWW-Authenticate"].startswith("Bearer")


def test_nobody_revokes_another_persons_token(client, people, world):
    token, _key = ApiToken.issue(people["editor_other"], "theirs")
    client.force_login(people["editor_own"])
    assert client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_token_made_in_the_admin_is_shown_once(client, people, world):
    superuser = UserFactory(is_superuser=True, email="root@example.org")
    client.force_login(superuser)
    page = client.post(
        reverse("admin:accounts_apitoken_add"),
        {"user": people["coordinator"].pk, "name": "Coördinatie"},
    )
    assert page.status_code == 200
    key = re.search(r'id="new-api-key"[^>]*>([^<]+)<', page.content.decode()).group(1)
    assert bearer(key).get("/api/v1/demands/").status_code == 200
    token = ApiToken.objects.get(name="Coördinatie")
    client.post(
        reverse("admin:accounts_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    assert bearer(key).get("/api/v1/demands/").status_code == 401


@pytest.mark.parametrize(
    "header", ["Bearer not-a-token", "Bearer", "Token a b", "Bearer \u00e9\u00e9"]
)
def test_a_bad_token_is_refused(world, header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header.encode("utf-8").decode("latin-1"))
    assert client.get("/api/v1/demands/").status_code == 401


def test_the_token_of_a_deactivated_account_is_refused(people, world):
    _token, key = ApiToken.issue(people["editor_own"], "laptop")
    people["editor_own"].is_active = False
    people["editor_own"].save()
    assert bearer(key).get("/api/v1/demands/").status_code == 401


def test_anonymous_clients_are_throttled_with_retry_after(settings, world):
    settings.API_RATE_ANONYMOUS = "3/minute"
    cache.clear()
    client = APIClient()
    statuses = [client.get("/api/v1/themes/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/api/v1/themes/")
    assert int(refused["Retry-After"]) > 0


def totp_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def test_two_step_login_comes_before_a_token_or_a_session_write(settings, people, world):
    """A coordinator must give a code at login (outside DEMO_MODE). Signed in with the
    password alone, they make no token and their session writes nothing through the API;
    with the code, both work."""
    settings.DEMO_MODE = False
    user = people["coordinator"]
    client = APIClient()
    client.force_login(user)  # the password alone: no code given
    made = client.post(reverse("accounts:token_create"), {"token-name": "Om de code heen"})
    assert made.status_code == 302 and made.url == reverse("accounts:two_factor")
    assert not ApiToken.objects.filter(name="Om de code heen").exists()
    assert client.post(ENTRIES, CHANGE, format="json").status_code == 401

    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client.logout()
    logged_in = client.post(
        "/admin/login/",
        {"username": user.email, "password": "secret-pass-123", "otp_token": totp_code(device)},
    )
    assert logged_in.status_code == 302
    assert client.post(ENTRIES, CHANGE, format="json").status_code == 201
    made = client.post(reverse("accounts:token_create"), {"token-name": "Met de code"})
    assert made.status_code == 200 and ApiToken.objects.filter(name="Met de code").exists()


def test_a_client_behind_the_proxy_is_counted_by_its_own_address(settings, world):
    """Behind one trusted proxy the client is the address the proxy appended; what the
    client wrote into X-Forwarded-For itself does not give it a fresh count."""
    settings.API_RATE_ANONYMOUS = "2/minute"
    settings.TRUSTED_PROXY_COUNT = 1
    cache.clear()
    client = APIClient(REMOTE_ADDR="10.0.0.2")  # the proxy

    def status(forwarded: str) -> int:
        return client.get("/api/v1/themes/", HTTP_X_FORWARDED_FOR=forwarded).status_code

    assert [status(f"198.51.100.{n}, 203.0.113.7") for n in range(3)] == [200, 200, 429]
    assert status("203.0.113.8") == 200  # another reader


REFUSED_WITHOUT_TWO_STEP = (
    "Je account vraagt om inloggen in twee stappen, en dit token is niet daarna gemaakt. "
    "Stel inloggen in twee stappen in, log in met een code en maak een nieuw token op je "
    "profielpagina."
)


def test_a_token_does_not_skip_the_two_step_login_a_role_asks_for(settings, people, world):
    """A coordinator gives a code at login: a token made for them without one (by a
    superuser in the admin, or before they set up their app) reads and writes nothing."""
    settings.DEMO_MODE = False
    user = people["coordinator"]
    _token, key = ApiToken.issue(user, "zonder code")
    refused = bearer(key).get("/api/v1/demands/")
    assert refused.status_code == 401
    assert refused.data["detail"] == REFUSED_WITHOUT_TWO_STEP
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    assert bearer(key).get("/api/v1/demands/").status_code == 401
    assert bearer(key).post(ENTRIES, CHANGE, format="json").status_code == 401


def test_a_token_made_after_the_code_works_while_the_second_factor_stays(settings, people, world):
    settings.DEMO_MODE = False
    user = people["coordinator"]
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client = APIClient()
    client.post(
        "/admin/login/",
        {"username": user.email, "password": "secret-pass-123", "otp_token": totp_code(device)},
    )
    page = client.post(reverse("accounts:token_create"), {"token-name": "Met de code"})
    key = re.search(r'id="new-api-key"[^>]*>([^<]+)<', page.content.decode()).group(1)
    assert ApiToken.objects.get(name="Met de code").after_two_step
    assert bearer(key).post(ENTRIES, CHANGE, format="json").status_code == 201
    # The phone is lost and its app removed: the token waits for a new one.
    device.delete()
    assert bearer(key).get("/api/v1/demands/").status_code == 401


def test_a_token_made_for_someone_else_in_the_admin_is_not_after_their_code(
    client, settings, people, world
):
    superuser = UserFactory(is_superuser=True, email="root@example.org")
    client.force_login(superuser)
    client.post(
        reverse("admin:accounts_apitoken_add"),
        {"user": people["coordinator"].pk, "name": "Coördinatie"},
    )
    assert not ApiToken.objects.get(name="Coördinatie").after_two_step


def test_an_editor_without_two_step_login_keeps_a_working_token(settings, people, world):
    settings.DEMO_MODE = False
    _token, key = ApiToken.issue(people["editor_own"], "laptop")
    assert bearer(key).post(ENTRIES, CHANGE, format="json").status_code == 201
