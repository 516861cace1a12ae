"""The filters over published demands and statements: each used by its HTML list, the
exports and the API."""

from django import forms
from django.db.models import Exists, OuterRef
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _
from django_filters import (
    CharFilter,
    ChoiceFilter,
    DateFilter,
    FilterSet,
    ModelChoiceFilter,
    fields,
)

from tracker.models import (
    Actor,
    Demand,
    Response,
    Source,
    Statement,
    Status,
    Theme,
    in_language,
    local_today,
    overdue_q,
)

from . import search
from .widgets import Select


class RowOptions(ModelChoiceIterator):
    """A model choice's options read as plain rows, not model instances: a filter offers
    every published document and actor, and building a model for each option cost more
    than the rest of the form. The field's ``option`` makes an option's label from a row
    (``option.fields`` are read), as the model's ``__str__`` does from an instance."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        option = self.field.option
        rows = self.queryset.values_list(self.field.to_field_name, *option.fields, named=True)
        for row in rows:
            yield (row[0], option(row))


class RowChoiceField(fields.ModelChoiceField):
    iterator = RowOptions

    def __init__(self, *args, option, **kwargs):
        self.option = option
        super().__init__(*args, **kwargs)


class ModelOptionFilter(ModelChoiceFilter):
    """A choice of a model by its slug, offered as ``RowOptions``."""

    field_class = RowChoiceField


def option(*fields: str):
    """An option's label made from the ``fields`` of a row."""

    def decorate(label):
        label.fields = fields
        return label

    return decorate


@option("name_nl", "name_en")
def named(row) -> str:
    """``NamedVocabulary.__str__``: the name in the active language."""
    return in_language(row, "name")


@option("title", "date")
def document(row) -> str:
    """``Source.__str__``."""
    return Source.label(row.title, row.date)


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
    theme = ModelOptionFilter(
        option=named,
        widget=Select,
        field_name="themes",
        to_field_name="slug",
        queryset=Theme.objects.all(),
        label=_("Theme"),
        empty_label=_("Any theme"),
        # One theme (or addressee) joins a demand at most once, the link's rows being
        # unique: no DISTINCT, which sorted every column of every matching demand.
        distinct=False,
    )
    addressee = ModelOptionFilter(
        option=named,
        widget=Select,
        field_name="addressees",
        to_field_name="slug",
        queryset=Actor.objects.all(),
        label=_("Addressee"),
        empty_label=_("Any addressee"),
        distinct=False,
    )
    raised_by = ModelOptionFilter(
        option=named,
        widget=Select,
        to_field_name="slug",
        queryset=Actor.objects.filter(
            Exists(Demand.objects.filter(raised_by=OuterRef("pk"), is_published=True))
        ),
        label=_("Raised by"),
        empty_label=_("Anyone"),
    )
    source = ModelOptionFilter(
        widget=Select,
        to_field_name="slug",
        queryset=Source.objects.filter(is_published=True),
        option=document,
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
    actor = ModelOptionFilter(
        option=named,
        widget=Select,
        to_field_name="slug",
        queryset=Actor.objects.filter(
            Exists(Statement.objects.filter(actor=OuterRef("pk"), is_published=True))
        ),
        label=_("Made by"),
        empty_label=_("Anyone"),
    )
    source = ModelOptionFilter(
        widget=Select,
        to_field_name="slug",
        queryset=Source.objects.filter(is_published=True),
        option=document,
        label=_("Source"),
        empty_label=_("Any source"),
    )

    class Meta:
        model = Statement
        fields = ["kind", "status", "actor", "source"]

    def filter_promise_status(self, queryset, name, value):
        """Only a promise has a status that means something (kept, broken, withdrawn)."""
        return queryset.filter(kind=Statement.Kind.PROMISE, status=value)
