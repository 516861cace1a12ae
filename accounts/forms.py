from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_otp import match_token

from . import two_factor
from .models import ApiToken, User


class ProfileForm(forms.ModelForm):
    """What staff may change about themselves: their language and deadline reminders."""

    class Meta:
        model = User
        fields = ["name", "language", "deadline_reminders"]
        help_texts = {"language": _("The language of the admin and of the e-mails you receive.")}


class LoginForm(AdminAuthenticationForm):
    """The admin's login: e-mail and password, and a code for whoever set up two-step login.

    A wrong code counts as a failed login for the lockout (django-axes), like a wrong
    password; django-otp also slows down repeated wrong codes.
    """

    otp_token = forms.CharField(
        label=_("Code"),
        required=False,
        max_length=20,
        strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text=_(
            "From your authenticator app, or one of your recovery codes. Leave empty if you "
            "have not set up two-step login."
        ),
    )

    def clean(self):
        cleaned_data = super().clean()
        user = self.get_user()
        if user is None or not two_factor.is_set_up(user):
            return cleaned_data
        token = "".join(cleaned_data.get("otp_token", "").split())
        if not token:
            raise ValidationError(
                _("Enter the code from your authenticator app, or a recovery code."),
                code="otp_required",
            )
        device = match_token(user, token)
        if device is None:
            user_login_failed.send(
                sender=__name__,
                credentials={"username": cleaned_data.get("username")},
                request=self.request,
            )
            raise ValidationError(
                _("That code is not right, or was used before."), code="otp_invalid"
            )
        # django-otp's login signal keeps the device in the session: the login is verified.
        user.otp_device = device
        return cleaned_data


class CodeForm(forms.Form):
    """The first code of a newly set-up authenticator app, proving it works."""

    token = forms.CharField(
        label=_("Code from the app"),
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class ApiTokenForm(forms.ModelForm):
    # On the profile page beside ProfileForm, which has a "name" too: ids and names apart.
    prefix = "token"

    class Meta:
        model = ApiToken
        fields = ["name"]
