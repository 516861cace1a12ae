"""What the public may see: published demands and the public side of their ledger entries.

The one place the public pages, feeds and exports (and later the open-data API) start from.
Templates built on these never show ``internal_note`` or an entry's author.
"""

from .models import Demand, StatusChange


def published_demands():
    """Published demands with what a list row shows: overdue flag, source, addressees, themes."""
    return (
        Demand.objects.published()
        .with_overdue()
        .select_related("source")
        .prefetch_related("addressees", "themes")
    )


def public_entries():
    """Ledger entries of published demands, newest first, with their demand."""
    return (
        StatusChange.objects.filter(demand__is_published=True)
        .select_related("demand")
        .order_by("-created_at", "-id")
    )
