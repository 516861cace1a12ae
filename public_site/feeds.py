"""The Atom feed of what changed (statuses, responses, deadlines, statements), all of it or one
theme's: public entries only."""

import datetime
import io

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from ledger.display import headline
from ledger.history import happened_on
from ledger.models import Entry
from tracker import wording
from tracker.models import Demand, Theme

from . import addresses
from .visible import public_entries

FEED_LENGTH = 50
# A theme with fewer than one demand in this many is sparse: its feed is read by its
# demands, not by walking the ledger until enough of its entries are found.
SPARSE_THEME = 50


class PlainTextAtomFeed(Atom1Feed):
    """Atom whose entry summaries are declared as text: a public note is typed by staff as
    plain text, so markup in it must reach feed readers as the characters it is, not as HTML
    (Django's Atom feed declares every summary ``type="html"``)."""

    def write(self, outfile, encoding):
        # Written into a buffer, then to the response at once: the XML writer makes a piece
        # of a few bytes for every tag and text, and the response encoded each on its own.
        buffer = io.StringIO()
        super().write(buffer, encoding)
        outfile.write(buffer.getvalue())

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class StatusChangeFeed(Feed):
    feed_type = PlainTextAtomFeed
    author_name = "Werkgroep Kind in azc"

    def get_object(self, request, theme=None):
        return get_object_or_404(Theme, slug=theme) if theme else None

    def title(self, theme):
        if theme:
            return _("What changed: %(theme)s") % {"theme": theme.name}
        return _("What changed: the coalition's demands and government's statements")

    def subtitle(self, theme):
        return _("How government answered the demands of Werkgroep Kind in azc, and what it did.")

    def link(self, theme):
        if theme:
            return reverse("tracker:demand_list") + f"?theme={theme.slug}"
        return reverse("tracker:demand_list")

    def feed_url(self, theme):
        if theme:
            return reverse("tracker:theme_feed", args=[theme.slug])
        return reverse("tracker:feed")

    def items(self, theme):
        entries = public_entries()
        if theme:
            links = Demand.themes.through.objects.filter(theme=theme)
            if links.count() * SPARSE_THEME < Demand.objects.count():
                # Few demands: their entries found by them, and sorted (few).
                entries = entries.filter(demand__in=links.values("demand"))
            else:
                # Many: asked entry by entry from the newest until FEED_LENGTH are found,
                # which takes as long as the theme's share of the ledger is small. Joined
                # to the theme's demands instead, SQLite read and sorted every entry of
                # every one of them (6,600 to keep 50 at the bench, 11 ms, and growing).
                entries = entries.filter(Exists(links.filter(demand=OuterRef("demand"))))
        entries = list(entries[:FEED_LENGTH])
        pages = {
            "demand": addresses.of_pages("tracker:demand_detail"),
            "statement": addresses.of_pages("tracker:statement_detail"),
        }
        for entry in entries:
            kind = "demand" if entry.demand_id else "statement"
            entry.page = pages[kind](entry.subject.reference)
        return entries

    def item_title(self, entry: Entry):
        subject = entry.subject
        reference = subject.reference
        if entry.statement_id:
            reference = f"{reference} ({wording.nature(subject)})"
        return _("%(reference)s: %(what)s – %(title)s") % {
            "reference": reference,
            "what": headline(entry),
            "title": subject.title,
        }

    def item_description(self, entry: Entry):
        """The day it happened and in which document, the quoted words, the public note."""
        day = formats.date_format(happened_on(entry), "DATE_FORMAT")
        if entry.source_id:
            when = _("On %(day)s, in “%(document)s”:") % {
                "day": day,
                "document": entry.source.title,
            }
        else:
            when = _("On %(day)s:") % {"day": day}
        parts = [when]
        if entry.quote:
            parts.append(f"“{entry.quote}”")
        parts.append(entry.public_note)
        return "\n\n".join(part for part in parts if part)

    def item_link(self, entry: Entry):
        return f"{entry.page}#entry-{entry.seq}"

    def item_guid(self, entry: Entry):
        return f"{settings.SITE_URL}/ledger/{entry.entry_hash}"

    item_guid_is_permalink = False

    # An entry is dated by the event (a letter of 2025 entered today is 2025's news, not
    # today's): ``published`` is the day it happened, ``updated`` the moment it was recorded.
    def item_pubdate(self, entry: Entry):
        day = happened_on(entry)
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))

    def item_updateddate(self, entry: Entry):
        return entry.recorded_at
