from django.contrib.admin.apps import AdminConfig


class LedgerAdminConfig(AdminConfig):
    default_site = "config.admin.LedgerAdminSite"
