"""The public ledger: every entry's place in the chain, the signed checkpoints and the keys,
as a page, a JSON export that the standalone verifier reads, and an Atom feed of checkpoints
that feed readers keep.

What a withheld entry (of an unpublished item) reveals is said on the page: that an entry
exists, its number, when it was recorded, and its hashes; nothing of what it says.
"""

import json

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db.models import Max
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from ledger.checkpoints import as_dict
from ledger.models import Checkpoint, Entry, SigningKey
from ledger.public import all_records, is_visible, key_record

from . import downloads

ENTRIES_PER_PAGE = 50
LEDGER_ROW = (
    "seq",
    "format",
    "kind",
    "recorded_at",
    "entry_hash",
    *(
        f"{item}__{field}"
        for item in ("demand", "statement")
        for field in ("reference", "is_published")
    ),
)
FEED_LENGTH = 50


def ledger_page(request):
    # A row names its item by reference and says whether the public may read it
    # (``is_visible``); the items' other columns are not read for fifty rows a page.
    entries = Entry.objects.select_related("demand", "statement").only(*LEDGER_ROW).order_by("-seq")
    # Entries are numbered from 1 without a gap (verify_ledger checks it): the chain's
    # length is its newest number, and a page is a range of numbers, read from the index
    # at any depth rather than counted and skipped over (a hundred thousand rows).
    paginator = Paginator(Entry.objects.none(), ENTRIES_PER_PAGE)
    paginator.count = Entry.objects.aggregate(length=Max("seq"))["length"] or 0
    page = paginator.get_page(request.GET.get("page"))
    newest = paginator.count - (page.number - 1) * ENTRIES_PER_PAGE
    page.object_list = entries.filter(seq__lte=newest, seq__gt=newest - ENTRIES_PER_PAGE)
    rows = [(entry, is_visible(entry)) for entry in page.object_list]
    return render(
        request,
        "tracker/ledger.html",
        {
            "page": page,
            "rows": rows,
            "checkpoints": Checkpoint.objects.order_by("-size", "-signed_at")[:10],
            "keys": SigningKey.objects.all(),
        },
    )


def ledger_export(request):
    """The whole public ledger as one JSON document, streamed: memory stays flat however
    long the chain grows; kept on disk until the next entry (``public_site.downloads``)."""

    def chunks():
        head = {
            "ledger": {
                "name": "Kind in azc accountability ledger",
                "site": settings.SITE_URL,
                "hash": "sha256 over canonical JSON (sorted keys, no spaces, UTF-8)",
                "verifier": "bin/verify_public_ledger.py",
            },
            "keys": [key_record(key) for key in SigningKey.objects.all()],
            "checkpoints": [as_dict(c) for c in Checkpoint.objects.order_by("size", "signed_at")],
        }
        yield json.dumps(head, ensure_ascii=False)[:-1] + ',"entries":['
        for number, record in enumerate(all_records()):
            yield ("," if number else "") + json.dumps(record, ensure_ascii=False)
        yield "]}\n"

    return downloads.serve(
        request, chunks, "application/json; charset=utf-8", "ledger.json", disposition="inline"
    )


class CheckpointFeed(Feed):
    """Signed checkpoints: a feed reader that keeps them is a witness nobody can recall."""

    feed_type = Atom1Feed
    author_name = "Werkgroep Kind in azc"

    def title(self):
        return _("Signed checkpoints of the ledger")

    def subtitle(self):
        return _("The site's signature over the ledger's length and newest hash.")

    def link(self):
        return reverse("tracker:ledger")

    def feed_url(self):
        return reverse("tracker:checkpoint_feed")

    def items(self):
        return Checkpoint.objects.order_by("-signed_at", "-size")[:FEED_LENGTH]

    def item_title(self, checkpoint):
        return _("%(size)s entries, newest %(hash)s") % {
            "size": checkpoint.size,
            "hash": checkpoint.head_hash[:12],
        }

    def item_description(self, checkpoint):
        return json.dumps(as_dict(checkpoint), sort_keys=True)

    def item_link(self, checkpoint):
        return reverse("tracker:ledger") + f"#checkpoint-{checkpoint.pk}"

    def item_guid(self, checkpoint):
        return f"{settings.SITE_URL}/ledger/checkpoints/{checkpoint.signature}"

    item_guid_is_permalink = False

    def item_pubdate(self, checkpoint):
        return checkpoint.signed_at

    def item_updateddate(self, checkpoint):
        return checkpoint.signed_at
