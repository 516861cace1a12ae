from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    """The read-only public site: pages, feeds, the calendar, exports and the ledger's pages."""

    name = "public_site"
    verbose_name = _("Public site")
