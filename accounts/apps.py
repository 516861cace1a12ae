from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from .roles import sync_role_groups

        # After the permissions of every app the roles use exist: auth creates an app's
        # permissions first, for the same sender, and the ledger is the last of those apps.
        post_migrate.connect(
            sync_role_groups,
            sender=apps.get_app_config("ledger"),
            dispatch_uid="accounts.sync_role_groups",
        )
