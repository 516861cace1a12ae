from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgerConfig(AppConfig):
    name = "ledger"
    verbose_name = _("Ledger chain")

    def ready(self):
        from . import checks, db  # noqa: F401 - checks register themselves

        db.connect_signals()
