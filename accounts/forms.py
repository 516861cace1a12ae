from django import forms

from .models import User


class ProfileForm(forms.ModelForm):
    """What staff may change about themselves: their language and deadline reminders."""

    class Meta:
        model = User
        fields = ["name", "language", "deadline_reminders"]
