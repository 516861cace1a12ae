"""CSV and JSON downloads of any filtered demand list: the same filter as the HTML list."""

import csv

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch
from django.http import HttpResponse, JsonResponse
from django.utils import timezone

from .filters import DemandFilter
from .history import last_recorded
from .models import Demand
from .public import published_demands
from .spreadsheets import spreadsheet_safe

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


def demand_rows(request, demands) -> list[dict]:
    """One plain dict per demand of ``demands`` (as ``_filtered`` selects them)."""
    rows = []
    for demand in demands:
        response = last_recorded(demand.response_changes, "response")
        same_as = demand.duplicate_of
        rows.append(
            {
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
                "themes": [theme.slug for theme in demand.themes.all()],
                "addressees": [actor.slug for actor in demand.addressees.all()],
                "raised_by": demand.raised_by.slug if demand.raised_by else "",
                "adopted": demand.adopted,
                "same_as": same_as.reference if same_as and same_as.is_published else "",
                "overlaps_with": [other.reference for other in demand.overlaps.all()],
                "source": demand.source.slug,
                "quote": demand.quote,
                "quote_location": demand.quote_location,
                "url": request.build_absolute_uri(demand.get_absolute_url()),
            }
        )
    return rows


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
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    writer = csv.DictWriter(response, fieldnames=COLUMNS)
    writer.writeheader()
    for row in demand_rows(request, demand_filter.qs):
        row = {**row, **{name: " ".join(row[name]) for name in LISTS}}
        writer.writerow({column: spreadsheet_safe(value) for column, value in row.items()})
    return response


def demands_json(request):
    demand_filter = _filtered(request)
    if not demand_filter.is_valid():
        return _invalid(demand_filter)
    response = JsonResponse(
        {"demands": demand_rows(request, demand_filter.qs)},
        encoder=DjangoJSONEncoder,
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("json")}"'
    return response
