"""Two-step login: required for coordinators, optional for editors, with recovery codes."""

import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor
from tests.factories import coordinator, editor

pytestmark = [pytest.mark.django_db]

PASSWORD = "secret-pass-123"


@pytest.fixture(autouse=True)
def production_rules(settings):
    settings.DEMO_MODE = False  # the test settings' DEMO_MODE exempts everyone


def code(device: TOTPDevice, offset: int = 0) -> str:
    return (
        f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift + offset):06d}"
    )


def app_for(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="app", confirmed=True)


def log_in(client, user, token: str = ""):
    return client.post(
        "/admin/login/",
        {"username": user.email, "password": PASSWORD, "otp_token": token, "next": "/admin/"},
    )


def test_a_coordinator_with_an_app_cannot_log_in_without_its_code(client):
    user = coordinator()
    app_for(user)
    response = log_in(client, user)
    assert response.status_code == 200
    assert response.context["form"].has_error("__all__", code="otp_required")
    assert client.get("/admin/").status_code == 302


def test_a_coordinator_logs_in_with_password_and_code(client):
    user = coordinator()
    device = app_for(user)
    assert log_in(client, user, code(device)).url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_counts_towards_the_lockout(client, settings):
    user = coordinator()
    device = app_for(user)
    wrong = f"{(int(code(device)) + 1) % 1_000_000:06d}"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, user, wrong)
    assert log_in(client, user, code(device)).status_code == 429


def test_a_coordinator_without_an_app_must_set_it_up_before_using_the_admin(client):
    user = coordinator()
    assert log_in(client, user).url == "/admin/"
    assert client.get("/admin/").url.startswith("/admin/login/")
    assert client.get("/admin/login/?next=/admin/").url == reverse("accounts:two_factor")
    assert client.get(reverse("admin:tracker_demand_changelist")).status_code == 302

    page = client.get(reverse("accounts:two_factor"))
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert (
        client.post(reverse("accounts:two_factor"), {"token": "000000"})
        .context["form"]
        .has_error("token")
    )
    # django-otp makes a wrong code wait: 1 s after the first, doubling after each.
    with time_machine.travel(timezone.now() + timezone.timedelta(seconds=2)):
        done = client.post(reverse("accounts:two_factor"), {"token": code(device)})
    codes = done.context["codes"]
    assert len(codes) == 10
    assert all(recovery in done.content.decode() for recovery in codes)
    assert client.get(reverse("admin:tracker_demand_changelist")).status_code == 200


def test_a_recovery_code_works_once(client):
    user = coordinator()
    app_for(user)
    recovery = two_factor.new_recovery_codes(user)[0]
    assert log_in(client, user, recovery).url == "/admin/"
    client.logout()
    assert log_in(client, user, recovery).context["form"].has_error("__all__", code="otp_invalid")


def test_an_editor_logs_in_with_a_password_alone_until_they_set_up_an_app(client):
    user = editor()
    assert log_in(client, user).url == "/admin/"
    assert client.get("/admin/").status_code == 200
    client.logout()
    device = app_for(user)
    assert log_in(client, user).status_code == 200
    assert log_in(client, user, code(device)).url == "/admin/"


def test_the_profile_page_leads_to_the_set_up(client):
    user = editor()
    log_in(client, user)
    content = client.get(reverse("accounts:profile")).content.decode()
    assert reverse("accounts:two_factor") in content


def test_new_recovery_codes_replace_the_old_ones_and_need_a_verified_login(client):
    user = coordinator()
    device = app_for(user)
    old = two_factor.new_recovery_codes(user)
    log_in(client, user, code(device))
    new = client.post(reverse("accounts:two_factor")).context["codes"]
    assert not set(old) & set(new)
    assert two_factor.recovery_codes_left(user) == 10


def test_under_demo_mode_the_demo_coordinator_needs_no_code(client, settings):
    settings.DEMO_MODE = True
    user = coordinator()
    assert log_in(client, user).url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_the_secret_to_type_is_the_devices_key_in_base32(client):
    device = TOTPDevice.objects.create(user=editor(), confirmed=False)
    typed = two_factor.secret_for_typing(device).replace(" ", "")
    assert re.fullmatch(r"[A-Z2-7]+", typed)
    assert f"secret={typed}" in device.config_url


def test_sessions_last_a_working_day(client, settings):
    user = editor()
    log_in(client, user)
    assert client.get("/admin/").status_code == 200
    with time_machine.travel(timezone.now() + timezone.timedelta(hours=9, minutes=1)):
        assert client.get("/admin/").status_code == 302


def test_the_admin_shows_nobody_a_colleagues_secret_or_recovery_codes(client):
    colleague = editor()
    device = app_for(colleague)
    (recovery_code,) = two_factor.new_recovery_codes(colleague)[:1]
    chair = coordinator()
    client.force_login(chair, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session["otp_device_id"] = app_for(chair).persistent_id  # a login with a code
    session.save()

    page = client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]))
    assert page.status_code == 200  # coordinators remove a lost device from here
    assert device.key not in page.content.decode()
    for view in ("config", "qrcode"):
        url = reverse(f"admin:otp_totp_totpdevice_{view}", args=[device.pk])
        assert client.get(url).status_code == 403
    static = colleague.staticdevice_set.get()
    page = client.get(reverse("admin:otp_static_staticdevice_change", args=[static.pk]))
    assert page.status_code == 200
    assert recovery_code not in page.content.decode()
