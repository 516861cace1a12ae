"""What the public may see: published demands and statements, and the ledger entries of those.

The one place the public pages, feeds and exports (and the open-data API) start from.
Templates built on these never show ``internal_note`` or an entry's author.
"""

from django.db.models import Prefetch

from ledger.models import Entry
from ledger.public import visible_entries

from .models import Demand, Statement


def published_demands():
    """Published demands with what a list row shows: overdue flag, source, addressees, themes."""
    return (
        Demand.objects.published()
        .with_overdue()
        .select_related("source", "raised_by")
        .prefetch_related("addressees", "themes")
    )


def published_statements():
    return Statement.objects.published().with_overdue().select_related("actor", "source")


def history():
    """A prefetch of an item's ledger entries, oldest first, for its public timeline."""
    return Prefetch(
        "entries",
        queryset=Entry.objects.select_related("source", "corrects").order_by("seq"),
    )


def public_entries():
    """Entries of published items that tell something happened (not the first recording),
    newest first: for the overview, the feeds."""
    return visible_entries().exclude(kind=Entry.Kind.CREATED)
