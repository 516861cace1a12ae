"""Filters that only the API has. Demands are filtered by the public site's own
``tracker.filters.DemandFilter``: one definition for the list, its exports and the API,
the search's bounds included (``tracker.search``)."""

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from ledger.models import Entry
from tracker.models import Actor, Source, Statement, Status


class StatementFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=Statement.Kind.choices, label=_("Nature"))
    status = filters.ChoiceFilter(choices=Status.choices, label=_("Status"))
    actor = filters.ModelChoiceFilter(
        to_field_name="slug", queryset=Actor.objects.all(), label=_("Made by")
    )
    source = filters.ModelChoiceFilter(
        to_field_name="slug", queryset=Source.objects.all(), label=_("Source")
    )
    # A plain reference, not a choice checked against every demand: an unknown reference
    # and an unpublished one give the same empty list.
    answers = filters.CharFilter(
        field_name="answers__reference", label=_("Answers the demand"), distinct=True
    )

    class Meta:
        model = Statement
        fields = ["kind", "status", "actor", "source", "answers"]


class EntryFilter(filters.FilterSet):
    after = filters.NumberFilter(
        field_name="seq", lookup_expr="gt", label=_("Only entries after this number")
    )

    class Meta:
        model = Entry
        fields = ["after"]


class ResponseFilter(filters.FilterSet):
    demand = filters.CharFilter(field_name="demand__reference", label=_("Demand"))

    class Meta:
        model = Entry
        fields = ["demand"]
