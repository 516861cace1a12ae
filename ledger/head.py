"""The chain head: the newest entry's number and hash, in one row every writer locks first."""

from django.db import transaction

from . import chain
from .models import ChainHead, Entry


def lock_head() -> ChainHead:
    """The chain head's row, locked until the transaction ends. Made again from the newest
    entry if it is missing (a database restored or emptied by hand): the chain is the truth."""
    try:
        return ChainHead.objects.select_for_update().get(pk=1)
    except ChainHead.DoesNotExist:
        newest = Entry.objects.order_by("-seq").first()
        with transaction.atomic():
            ChainHead.objects.get_or_create(
                pk=1,
                defaults={
                    "seq": newest.seq if newest else 0,
                    "entry_hash": newest.entry_hash if newest else chain.GENESIS,
                },
            )
        return ChainHead.objects.select_for_update().get(pk=1)
