"""The one filter over published demands: used by the HTML list, the exports and the API."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters import (
    BooleanFilter,
    CharFilter,
    ChoiceFilter,
    DateFromToRangeFilter,
    FilterSet,
    ModelChoiceFilter,
)
from django_filters.widgets import RangeWidget

from .models import Actor, Demand, Source, Status, Theme, local_today, overdue_q


class DateRangeWidget(RangeWidget):
    """Two date inputs; the browser offers a date picker, the URL keeps ISO dates."""

    suffixes = ["after", "before"]

    def __init__(self, attrs=None):
        super().__init__(attrs={"type": "date", **(attrs or {})})


class DemandFilter(FilterSet):
    """What the public can narrow the demand list by; every choice lives in the URL."""

    q = CharFilter(method="search", label=_("Search"))
    status = ChoiceFilter(choices=Status.choices, label=_("Status"), empty_label=_("Any status"))
    overdue = BooleanFilter(method="filter_overdue", label=_("Overdue"))
    theme = ModelChoiceFilter(
        field_name="themes",
        to_field_name="slug",
        queryset=Theme.objects.all(),
        label=_("Theme"),
        empty_label=_("Any theme"),
        distinct=True,
    )
    addressee = ModelChoiceFilter(
        field_name="addressees",
        to_field_name="slug",
        queryset=Actor.objects.all(),
        label=_("Addressee"),
        empty_label=_("Any addressee"),
        distinct=True,
    )
    source = ModelChoiceFilter(
        to_field_name="slug",
        queryset=Source.objects.all(),
        label=_("Source"),
        empty_label=_("Any source"),
    )
    deadline = DateFromToRangeFilter(label=_("Deadline from – to"), widget=DateRangeWidget)

    class Meta:
        model = Demand
        fields = ["q", "status", "overdue", "theme", "addressee", "source", "deadline"]

    def search(self, queryset, name, value):
        words = value.split()
        for word in words:
            queryset = queryset.filter(
                Q(reference__icontains=word)
                | Q(title_nl__icontains=word)
                | Q(title_en__icontains=word)
                | Q(summary_nl__icontains=word)
                | Q(summary_en__icontains=word)
                | Q(quote__icontains=word)
            )
        return queryset

    def filter_overdue(self, queryset, name, value):
        condition = overdue_q(local_today())
        return queryset.filter(condition) if value else queryset.exclude(condition)
