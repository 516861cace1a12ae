"""CSV and JSON downloads of any filtered demand list: the same filter as the HTML list."""

import csv

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, JsonResponse
from django.utils import timezone

from .filters import DemandFilter
from .public import published_demands
from .spreadsheets import spreadsheet_safe

COLUMNS = [
    "reference",
    "title_nl",
    "title_en",
    "status",
    "deadline",
    "overdue",
    "themes",
    "addressees",
    "source",
    "quote",
    "quote_location",
    "url",
]


def demand_rows(request, demands) -> list[dict]:
    """One plain dict per demand of ``demands``."""
    return [
        {
            "reference": demand.reference,
            "title_nl": demand.title_nl,
            "title_en": demand.title_en,
            "status": demand.status,
            "deadline": demand.deadline,
            "overdue": demand.overdue,
            "themes": [theme.slug for theme in demand.themes.all()],
            "addressees": [actor.slug for actor in demand.addressees.all()],
            "source": demand.source.slug,
            "quote": demand.quote,
            "quote_location": demand.quote_location,
            "url": request.build_absolute_uri(demand.get_absolute_url()),
        }
        for demand in demands
    ]


def _filename(extension: str) -> str:
    return f"demands-{timezone.localdate():%Y-%m-%d}.{extension}"


def _filtered(request) -> DemandFilter:
    return DemandFilter(request.GET, queryset=published_demands())


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
        row = {**row, "themes": " ".join(row["themes"]), "addressees": " ".join(row["addressees"])}
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
