"""The filters over published demands and statements: each used by its HTML list, the
exports and the API."""

from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django_filters import (
    CharFilter,
    ChoiceFilter,
    DateFilter,
    FilterSet,
    ModelChoiceFilter,
)

from . import search
from .models import (
    Actor,
    Demand,
    Response,
    Source,
    Statement,
    Status,
    Theme,
    local_today,
    overdue_q,
)
from .widgets import Select


# The documents a filter offers, with only what an option shows (``Source.__str__``): every
# published document is an option, and whole rows cost more than the rest of the form.
SOURCE_CHOICES = Source.objects.filter(is_published=True).only("slug", "title", "date")


class DateInput(forms.DateInput):
    """The browser's date picker; the URL keeps ISO dates."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


# What else people write for yes and no in a hand-made URL (``?overdue=1``).
OVERDUE_SPELLINGS = {
    "1": "true",
    "yes": "true",
    "ja": "true",
    "0": "false",
    "no": "false",
    "nee": "false",
}


class DemandFilter(FilterSet):
    """What the public can narrow the demand list by; every choice lives in the URL."""

    def __init__(self, data=None, *args, **kwargs):
        spelling = data.get("overdue", "").lower() if data is not None else ""
        if spelling in OVERDUE_SPELLINGS:
            data = data.copy()
            data["overdue"] = OVERDUE_SPELLINGS[spelling]
        super().__init__(data, *args, **kwargs)

    q = CharFilter(
        method="search",
        label=_("Search"),
        max_length=search.MAX_LENGTH,
        validators=[search.validate_search],
    )
    status = ChoiceFilter(
        widget=Select, choices=Status.choices, label=_("Status"), empty_label=_("Any status")
    )
    response = ChoiceFilter(
        widget=Select, choices=Response.choices, label=_("Response"), empty_label=_("Any response")
    )
    overdue = ChoiceFilter(
        widget=Select,
        method="filter_overdue",
        choices=[("true", _("Only overdue")), ("false", _("Not overdue"))],
        label=_("Overdue"),
        empty_label=_("Overdue or not"),
    )
    theme = ModelChoiceFilter(
        widget=Select,
        field_name="themes",
        to_field_name="slug",
        queryset=Theme.objects.all(),
        label=_("Theme"),
        empty_label=_("Any theme"),
        distinct=True,
    )
    addressee = ModelChoiceFilter(
        widget=Select,
        field_name="addressees",
        to_field_name="slug",
        queryset=Actor.objects.all(),
        label=_("Addressee"),
        empty_label=_("Any addressee"),
        distinct=True,
    )
    raised_by = ModelChoiceFilter(
        widget=Select,
        to_field_name="slug",
        queryset=Actor.objects.filter(
            Exists(Demand.objects.filter(raised_by=OuterRef("pk"), is_published=True))
        ),
        label=_("Raised by"),
        empty_label=_("Anyone"),
    )
    source = ModelChoiceFilter(
        widget=Select,
        to_field_name="slug",
        queryset=SOURCE_CHOICES,
        label=_("Source"),
        empty_label=_("Any source"),
    )
    deadline_after = DateFilter(
        field_name="deadline", lookup_expr="gte", label=_("Deadline from"), widget=DateInput
    )
    deadline_before = DateFilter(
        field_name="deadline", lookup_expr="lte", label=_("Deadline up to"), widget=DateInput
    )

    class Meta:
        model = Demand
        fields = [
            "q",
            "status",
            "response",
            "overdue",
            "theme",
            "addressee",
            "raised_by",
            "source",
            "deadline_after",
            "deadline_before",
        ]

    def search(self, queryset, name, value):
        return search.search_demands(queryset, value)

    def filter_overdue(self, queryset, name, value):
        condition = overdue_q(local_today())
        return queryset.filter(condition) if value == "true" else queryset.exclude(condition)


class StatementFilter(FilterSet):
    """What the public can narrow government's statements by: their nature above all."""

    kind = ChoiceFilter(
        widget=Select,
        choices=Statement.Kind.choices,
        label=_("Nature"),
        empty_label=_("Any nature"),
    )
    status = ChoiceFilter(
        widget=Select,
        choices=Status.choices,
        label=_("Status of a promise"),
        empty_label=_("Any status"),
        method="filter_promise_status",
    )
    actor = ModelChoiceFilter(
        widget=Select,
        to_field_name="slug",
        queryset=Actor.objects.filter(statements__is_published=True).distinct(),
        label=_("Made by"),
        empty_label=_("Anyone"),
    )
    source = ModelChoiceFilter(
        widget=Select,
        to_field_name="slug",
        queryset=SOURCE_CHOICES,
        label=_("Source"),
        empty_label=_("Any source"),
    )

    class Meta:
        model = Statement
        fields = ["kind", "status", "actor", "source"]

    def filter_promise_status(self, queryset, name, value):
        """Only a promise has a status that means something (kept, broken, withdrawn)."""
        return queryset.filter(kind=Statement.Kind.PROMISE, status=value)
