from axes.apps import AppConfig as AxesConfig
from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.apps import DefaultConfig as StaticConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TotpConfig


class LedgerAdminConfig(AdminConfig):
    default_site = "config.admin.LedgerAdminSite"


# The login protection's sections of the admin, named in the staff's language (the
# packages name them by their module: "AXES", "OTP_TOTP").
class LoginProtectionConfig(AxesConfig):
    verbose_name = _("Login protection: failed attempts")


class AuthenticatorAppsConfig(TotpConfig):
    verbose_name = _("Two-step login: authenticator apps")


class RecoveryCodesConfig(StaticConfig):
    verbose_name = _("Two-step login: recovery codes")


class OperationsConfig(AppConfig):
    """The top floor as an app, so that the operators' commands (backup, restore,
    run_embedded) are found: it holds no models."""

    name = "config"
    verbose_name = _("Operations")
