from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    """Reminders to the owners: planning, building and sending each e-mail once."""

    name = "reminders"
    verbose_name = _("Reminders")
