"""Logins that resist guessing: lockout per account and per address, logged and visible."""

import datetime

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from tests.factories import coordinator, editor

pytestmark = pytest.mark.django_db

PASSWORD = "secret-pass-123"  # the factories' password
LOGIN = "/admin/login/"


def log_in(client, email: str, password: str, address: str = "203.0.113.7", **extra):
    return client.post(
        LOGIN,
        {"username": email, "password": password, "next": "/admin/", **extra},
        REMOTE_ADDR=address,
    )


def test_after_five_wrong_passwords_the_right_one_is_refused(client, settings):
    settings.DEMO_MODE = True  # two-step login aside: this is about the password
    user = editor()
    statuses = [log_in(client, user.email, "wrong").status_code for _ in range(50)]
    # The limit's failure is the last one answered with the form; then only "locked".
    assert statuses[: settings.AXES_FAILURE_LIMIT - 1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert set(statuses[settings.AXES_FAILURE_LIMIT - 1 :]) == {429}
    response = log_in(client, user.email, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_five_wrong_passwords_lock_the_account_at_that_address_only(client, settings):
    """A stranger who knows a colleague's address locks it out from the stranger's own
    address, not from the colleague's."""
    user = editor()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, user.email, "wrong", address="198.51.100.1")
    assert log_in(client, user.email, PASSWORD, address="198.51.100.1").status_code == 429
    owner = client.__class__()
    assert log_in(owner, user.email, PASSWORD, address="192.0.2.99").status_code == 302
    # The owner's login clears nothing of the stranger's guesses.
    assert log_in(client, user.email, PASSWORD, address="198.51.100.1").status_code == 429


def test_many_more_failures_lock_the_account_from_every_address(client, settings):
    settings.LOGIN_ACCOUNT_FAILURE_LIMIT = 12
    user = editor()
    for number in range(settings.LOGIN_ACCOUNT_FAILURE_LIMIT - 1):
        log_in(client, user.email, "wrong", address=f"198.51.100.{number % 3}")
    assert log_in(client, user.email, "wrong", address="192.0.2.50").status_code == 429
    assert log_in(client, user.email, PASSWORD, address="192.0.2.99").status_code == 429


def test_the_account_limit_is_twenty_by_default(settings):
    from config import settings as configured

    assert configured.LOGIN_ACCOUNT_FAILURE_LIMIT == 20
    assert configured.LOGIN_ADDRESS_FAILURE_LIMIT == 20
    assert configured.AXES_FAILURE_LIMIT == 5


def test_an_address_that_tries_many_accounts_is_locked_out(client, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 8
    victims = [editor() for _ in range(settings.LOGIN_ADDRESS_FAILURE_LIMIT)]
    for victim in victims:
        log_in(client, victim.email, "wrong")
    fresh = editor()
    assert log_in(client, fresh.email, PASSWORD).status_code == 429
    assert log_in(client, fresh.email, PASSWORD, address="192.0.2.99").status_code == 302


def test_failures_are_logged_and_coordinators_see_and_can_unlock_them(client, settings, caplog):
    user = editor()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, user.email, "wrong")
    assert f'Locking out {{username: "{user.email}", ip_address: "203.0.113.7"' in caplog.text
    assert AccessFailureLog.objects.filter(username=user.email).count() == 5
    attempt = AccessAttempt.objects.get(username=user.email)

    staff = client.__class__()
    staff.force_login(coordinator())
    with override_settings(DEMO_MODE=True):
        page = staff.get(reverse("admin:axes_accessattempt_changelist"))
        assert page.status_code == 200 and user.email in page.content.decode()
        assert staff.get(reverse("admin:axes_accessfailurelog_changelist")).status_code == 200
        staff.post(reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"})
    assert log_in(client, user.email, PASSWORD, address="192.0.2.99").status_code == 302


def test_coordinators_clean_up_expired_attempts(client, settings):
    settings.DEMO_MODE = True
    expired, recent = (
        AccessAttempt.objects.create(username=name, failures_since_start=1, ip_address="192.0.2.1")
        for name in ("expired@example.org", "recent@example.org")
    )
    AccessAttempt.objects.filter(pk=expired.pk).update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - datetime.timedelta(minutes=1)
    )
    client.force_login(coordinator())

    response = client.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "cleanup_expired_attempts", "_selected_action": [recent.pk]},
    )

    assert response.status_code == 302
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == [recent.username]


def test_editors_do_not_see_the_login_log(client, settings):
    settings.DEMO_MODE = True
    client.force_login(editor())
    assert client.get(reverse("admin:axes_accessattempt_changelist")).status_code == 403


def test_behind_the_proxy_the_client_address_counts_not_the_proxys(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    victims = [editor() for _ in range(settings.AXES_FAILURE_LIMIT)]
    for victim in victims:
        client.post(
            LOGIN,
            {"username": victim.email, "password": "wrong"},
            REMOTE_ADDR="10.0.0.2",  # the proxy
            HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7",  # a forged entry, then the client
        )
    assert AccessAttempt.objects.filter(ip_address="203.0.113.7").exists()
    assert not AccessAttempt.objects.filter(ip_address__in=["10.0.0.2", "6.6.6.6"]).exists()
    other = client.post(
        LOGIN,
        {"username": editor().email, "password": PASSWORD, "next": "/admin/"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="192.0.2.50",
    )
    assert other.status_code == 302  # another client behind the same proxy is not locked out


@pytest.mark.parametrize("password", ["demo", "12345678901", "password123", "kindinazc"])
def test_djangos_password_rules_apply(password):
    with pytest.raises(ValidationError):
        validate_password(password, user=editor(email="kindinazc@example.org"))
