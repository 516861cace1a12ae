"""What the public may see: published demands and statements, and the ledger entries of those.

The one place the public pages, feeds and exports (and the open-data API) start from.
Templates built on these never show ``internal_note`` or an entry's author.
"""

from collections import defaultdict

from django.db.models import Count, Prefetch, Q

from ledger.models import Entry
from ledger.public import visible_entries
from tracker.models import Demand, Meeting, Statement

from .progress import counted

# What a row of a table of demands reads of each: its other columns (the quote, the
# summaries, the target, who changed it when) are left out of a list of dozens. Its
# document's key is read too: a document's page fetches its demands by it.
ROW = (
    "reference",
    "source",
    "title_nl",
    "title_en",
    "deadline",
    "deadline_text",
    "status",
    "is_published",
    "response",
    "responded_on",
    "raised_by__name_nl",
    "raised_by__name_en",
    "duplicate_of__reference",
    "duplicate_of__is_published",
)


def listed_demands():
    """Published demands with what a row of a table of them shows (``ROW``, in
    ``tracker/includes/demand_table.html``): overdue flag, who raised it, which demand it
    repeats, addressees (``addressee_list``)."""
    return (
        Demand.objects.published()
        .with_overdue()
        .select_related("raised_by", "duplicate_of")
        .only(*ROW)
        # Into a list: read through the relation's manager, each row built a queryset.
        .prefetch_related(Prefetch("addressees", to_attr="addressee_list"))
    )


def published_demands():
    """Published demands, whole, with all a demand's page and the exports show besides a
    row: its document, themes, and the entries that recorded its response."""
    return (
        listed_demands()
        .defer(None)
        .select_related("source")
        .prefetch_related("themes", changes_of("response"))
    )


def published_statements():
    """Published statements with what a list row shows, and the entries that changed their
    status (for "withdrawn on … in …")."""
    return (
        Statement.objects.published()
        .with_overdue()
        .select_related("actor", "source")
        .prefetch_related(changes_of("status"))
    )


def published_meetings():
    """Published meetings, each with the number of published demands on its agenda, a
    demand that repeats another counted once."""
    return Meeting.objects.published().annotate(
        agenda_size=Count("demands", filter=counted("demands__"))
    )


def history():
    """A prefetch of an item's ledger entries, oldest first, for its public timeline. The
    entries that correct one are among them (a correction is an entry of the same item):
    ``public_site.templatetags.timeline`` finds them there, with no query of their own."""
    return Prefetch(
        "entries",
        queryset=Entry.objects.select_related("source", "corrects__source").order_by("seq"),
    )


def value_changes(demands) -> dict[int, list]:
    """The entries of ``demands`` that changed a status or a response, per demand, as rows of
    what ``ledger.history.value_on`` reads (the day, the number, the changes): what a page
    needs that shows items as they were. Rows, not entries: an agenda's demands have
    hundreds, and building an entry for each cost more than the rest of the page."""
    rows = defaultdict(list)
    changed = Entry.objects.filter(demand__in=demands).filter(
        Q(changes__has_key="status") | Q(changes__has_key="response")
    )
    for row in changed.values_list(
        "demand_id", "seq", "occurred_on", "recorded_at", "changes", named=True
    ):
        rows[row.demand_id].append(row)
    return rows


def changes_of(field: str) -> Prefetch:
    """A prefetch of the entries that changed ``field``, oldest first, with their documents,
    as ``<field>_changes``: read with ``history.last_recorded``."""
    return Prefetch(
        "entries",
        queryset=Entry.objects.filter(Q(changes__has_key=field))
        .exclude(kind=Entry.Kind.CREATED)
        .select_related("source", "corrects__source")
        .order_by("seq"),
        to_attr=f"{field}_changes",
    )


def public_entries():
    """Entries of published items that tell something happened (not the first recording),
    newest first: for the overview, the feeds."""
    return visible_entries().exclude(kind=Entry.Kind.CREATED).select_related("corrects")
