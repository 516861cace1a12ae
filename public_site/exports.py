"""CSV and JSON downloads of any filtered demand list: the same filter as the HTML list.

Streamed, a chunk of demands at a time, so that memory stays flat and the first byte comes
at once however many demands there are; and kept on disk by filter (``downloads``) until
something the public sees changes.
"""

import csv
import gc
import io
import json
from collections import defaultdict

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch
from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone

from ledger.history import last_recorded
from tracker.iteration import batched
from tracker.models import Demand

from . import downloads
from .cells import spreadsheet_safe
from .filters import DemandFilter
from .visible import changes_of, published_demands

COLUMNS = [
    "reference",
    "title_nl",
    "title_en",
    "status",
    "response",
    "responded_on",
    "response_document",
    "response_quote",
    "deadline",
    "deadline_text",
    "overdue",
    "target_qualifier",
    "target_value",
    "target_unit",
    "target_description_nl",
    "target_description_en",
    "themes",
    "addressees",
    "raised_by",
    "adopted",
    "same_as",
    "overlaps_with",
    "source",
    "quote",
    "quote_location",
    "url",
]
# Columns that hold a list: space-separated in the CSV, a list in JSON.
LISTS = ("themes", "addressees", "overlaps_with")


CHUNK = 500


def demand_rows(request, demands):
    """One plain dict per demand of ``demands`` (as ``_filtered`` selects them).

    Read a chunk at a time, with each chunk's relations fetched as plain values: no prefetched
    model instances that outlive their chunk, so memory stays flat at any number of demands.
    """
    # Every demand's address is this one with its own reference: one reverse(), not 10,000.
    sample = request.build_absolute_uri(reverse("tracker:demand_detail", args=["REFERENCE"]))
    before, after = sample.split("REFERENCE")
    demands = demands.prefetch_related(None)
    for chunk in batched(demands.iterator(chunk_size=CHUNK), CHUNK):
        related = _related([demand.pk for demand in chunk])
        for demand in chunk:
            response = last_recorded(related["responses"].get(demand.pk, []), "response")
            same_as = demand.duplicate_of
            yield {
                "reference": demand.reference,
                "title_nl": demand.title_nl,
                "title_en": demand.title_en,
                "status": demand.status,
                "response": demand.response,
                "responded_on": demand.responded_on,
                "response_document": response.source.slug
                if response and response.source and response.source.is_published
                else "",
                "response_quote": response.quote if response else "",
                "deadline": demand.deadline,
                "deadline_text": demand.deadline_text,
                "overdue": demand.overdue,
                "target_qualifier": demand.target_qualifier
                if demand.target_value is not None
                else "",
                "target_value": demand.target_value,
                "target_unit": demand.target_unit,
                "target_description_nl": demand.target_description_nl,
                "target_description_en": demand.target_description_en,
                "themes": related["themes"].get(demand.pk, []),
                "addressees": related["addressees"].get(demand.pk, []),
                "raised_by": demand.raised_by.slug if demand.raised_by else "",
                "adopted": demand.adopted,
                "same_as": same_as.reference if same_as and same_as.is_published else "",
                "overlaps_with": related["overlaps"].get(demand.pk, []),
                "source": demand.source.slug,
                "quote": demand.quote,
                "quote_location": demand.quote_location,
                "url": f"{before}{demand.reference}{after}",
            }
        # A chunk's model instances leave reference cycles behind (Django's querysets and
        # row caches); collected here, young, they never pile up into the old generation.
        gc.collect(1)


def _related(ids: list[int]) -> dict[str, dict[int, list]]:
    """The relations of the demands ``ids``: slugs of themes and addressees, references of
    published overlapping demands, and the entries that recorded their responses."""
    grouped: dict[str, dict[int, list]] = {
        "themes": defaultdict(list),
        "addressees": defaultdict(list),
        "overlaps": defaultdict(list),
        "responses": defaultdict(list),
    }
    for name, through, key in (
        ("themes", Demand.themes.through, "theme__slug"),
        ("addressees", Demand.addressees.through, "actor__slug"),
    ):
        rows = through.objects.filter(demand_id__in=ids).order_by(key)
        for demand_id, slug in rows.values_list("demand_id", key):
            grouped[name][demand_id].append(slug)
    overlaps = Demand.overlaps.through.objects.filter(
        from_demand_id__in=ids, to_demand__is_published=True
    ).order_by("to_demand__reference")
    for demand_id, reference in overlaps.values_list("from_demand_id", "to_demand__reference"):
        grouped["overlaps"][demand_id].append(reference)
    responses = changes_of("response").queryset.filter(demand_id__in=ids)
    for entry in responses:
        grouped["responses"][entry.demand_id].append(entry)
    return grouped


def _filename(extension: str) -> str:
    return f"demands-{timezone.localdate():%Y-%m-%d}.{extension}"


def _filtered(request) -> DemandFilter:
    """The published demands the request's filters select, with what a row needs."""
    return DemandFilter(
        request.GET,
        queryset=published_demands().prefetch_related(
            Prefetch("overlaps", queryset=Demand.objects.published())
        ),
    )


def _invalid(demand_filter: DemandFilter) -> JsonResponse:
    """A filter the list would not accept is refused, not silently dropped."""
    return JsonResponse({"errors": demand_filter.errors}, status=400)


def demands_csv(request):
    demand_filter = _filtered(request)
    if not demand_filter.is_valid():
        return _invalid(demand_filter)

    def lines():
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
        writer.writeheader()
        for row in demand_rows(request, demand_filter.qs):
            row = {**row, **{name: " ".join(row[name]) for name in LISTS}}
            writer.writerow({column: spreadsheet_safe(value) for column, value in row.items()})
            if buffer.tell() > 64 * 1024:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    return downloads.serve(request, lines, "text/csv; charset=utf-8", _filename("csv"))


def demands_json(request):
    demand_filter = _filtered(request)
    if not demand_filter.is_valid():
        return _invalid(demand_filter)

    def pieces():
        yield '{"demands": ['
        for number, row in enumerate(demand_rows(request, demand_filter.qs)):
            text = json.dumps(row, cls=DjangoJSONEncoder, ensure_ascii=False)
            yield ("," if number else "") + "\n" + text
        yield "\n]}\n"

    return downloads.serve(request, pieces, "application/json", _filename("json"))
