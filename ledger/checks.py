"""System checks: a ledger that cannot sign its checkpoints is not fit for production."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def signing_key_configured(app_configs, **kwargs):
    if settings.LEDGER_SIGNING_KEY or settings.LEDGER_GENERATE_KEY:
        return []
    if Path(settings.LEDGER_SIGNING_KEY_FILE).exists():
        return []
    return [
        Warning(
            "The ledger has no signing key: no checkpoint will be signed.",
            hint="Set LEDGER_SIGNING_KEY (`manage.py ledger_key create --print`) or create "
            "the key file with `manage.py ledger_key create`.",
            id="ledger.W001",
        )
    ]
