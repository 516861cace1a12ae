from django import forms
from django.utils.translation import gettext_lazy as _

from .models import User


class ProfileForm(forms.ModelForm):
    """What staff may change about themselves: their language and deadline reminders."""

    class Meta:
        model = User
        fields = ["name", "language", "deadline_reminders"]
        help_texts = {"language": _("The language of the admin and of the e-mails you receive.")}
