from django import forms

from .models import ApiToken, User


class ProfileForm(forms.ModelForm):
    """What staff may change about themselves: their language and deadline reminders."""

    class Meta:
        model = User
        fields = ["name", "language", "deadline_reminders"]


class ApiTokenForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name"]
