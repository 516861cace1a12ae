"""CSV and JSON downloads of any filtered demand list: the same filter as the HTML list."""

import csv

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, JsonResponse
from django.utils import timezone

from .filters import DemandFilter
from .public import published_demands

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


def demand_rows(request) -> list[dict]:
    """One plain dict per published demand that the request's filters select."""
    demands = DemandFilter(request.GET, queryset=published_demands()).qs
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


def demands_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    writer = csv.DictWriter(response, fieldnames=COLUMNS)
    writer.writeheader()
    for row in demand_rows(request):
        writer.writerow(
            {**row, "themes": " ".join(row["themes"]), "addressees": " ".join(row["addressees"])}
        )
    return response


def demands_json(request):
    response = JsonResponse(
        {"demands": demand_rows(request)},
        encoder=DjangoJSONEncoder,
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("json")}"'
    return response
