from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkplaceConfig(AppConfig):
    """The staff's workplace: the admin of the domain, meeting briefings, spreadsheets."""

    name = "workplace"
    verbose_name = _("Workplace")
