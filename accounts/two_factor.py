"""Two-step login for staff (django-otp): an authenticator app (TOTP) and recovery codes.

Required for coordinators and superusers, who can change everything; optional for
editors. Whoever has set it up gives a code at every login. Under ``DEMO_MODE`` (the
embedded development set-up only: production refuses it) it is optional for everyone,
so that the demo logins work with their password alone.
"""

from base64 import b32encode

import segno
from django.conf import settings
from django.db import transaction
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Role, User

RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "authenticator app"
RECOVERY_DEVICE_NAME = "recovery codes"


def is_required(user: User) -> bool:
    if settings.DEMO_MODE:
        return False
    return user.is_superuser or user.has_role(Role.COORDINATOR)


def is_set_up(user: User) -> bool:
    return user_has_device(user, confirmed=True)


def is_satisfied(user: User) -> bool:
    """Whether this signed-in user may work in the admin as far as two-step login goes."""
    return user.is_verified() or not (is_required(user) or is_set_up(user))


def token_is_allowed(token) -> bool:
    """Whether an API token (``accounts.ApiToken``) may sign its holder in, as far as
    two-step login goes: where they give a code at login, only a token they made after
    giving one, while their second factor is still set up. A token is not a way around
    the code."""
    user = token.user
    if not (is_required(user) or is_set_up(user)):
        return True
    return token.after_two_step and is_set_up(user)


def pending_app(user: User) -> TOTPDevice:
    """The authenticator app being set up: the same secret until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def qr_code_svg(device: TOTPDevice) -> str:
    """The ``otpauth://`` address of ``device`` as an inline SVG QR code to scan."""
    return segno.make(device.config_url, error="m").svg_inline(scale=5, dark="#1a1a1a")


def secret_for_typing(device: TOTPDevice) -> str:
    """The secret in the Base32 groups that authenticator apps accept by hand."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@transaction.atomic
def confirm_app(device: TOTPDevice, token: str) -> bool:
    """Confirm the app being set up if ``token`` is its current code."""
    if not device.verify_token(token.replace(" ", "")):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    return True


@transaction.atomic
def new_recovery_codes(user: User) -> list[str]:
    """Ten single-use codes for a lost phone, replacing any earlier ones."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
