"""The chain head: the newest entry's number and hash, in one row every writer locks first.

The one place that names that row: writers lock it (``lock_head``) and move it
(``move_head``); readers take its number (``head_seq``, or ``the_head()`` in a subquery).
"""

from django.db import transaction
from django.db.models import QuerySet

from . import chain
from .models import ChainHead, Entry


def the_head() -> QuerySet:
    """The head's row, as a queryset (for ``.values(...)`` in a subquery, or an update)."""
    return ChainHead.objects.filter(pk=ChainHead.ONLY)


def head_seq() -> int:
    """The newest entry's number, 0 for an empty ledger; read without a lock."""
    return the_head().values_list("seq", flat=True).first() or 0


def move_head(seq: int, entry_hash: str) -> None:
    """Point the head at the entry just appended. The caller holds the head's lock."""
    the_head().update(seq=seq, entry_hash=entry_hash)


def lock_head() -> ChainHead:
    """The chain head's row, locked until the transaction ends. Made again from the newest
    entry if it is missing (a database restored or emptied by hand): the chain is the truth."""
    try:
        return the_head().select_for_update().get()
    except ChainHead.DoesNotExist:
        newest = Entry.objects.order_by("-seq").first()
        with transaction.atomic():
            ChainHead.objects.get_or_create(
                pk=ChainHead.ONLY,
                defaults={
                    "seq": newest.seq if newest else 0,
                    "entry_hash": newest.entry_hash if newest else chain.GENESIS,
                },
            )
        return the_head().select_for_update().get()
