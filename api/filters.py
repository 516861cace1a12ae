"""Filters that only the API has. Demands and statements are filtered by the public site's
own ``tracker.filters``: one definition for the lists, their exports and the API."""

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from ledger.models import Entry
from tracker import filters as public


class StatementFilter(public.StatementFilter):
    """The public list's filter, and which demand a statement answers (for scripts that
    follow one demand)."""

    # A plain reference, not a choice checked against every demand: an unknown reference
    # and an unpublished one give the same empty list.
    answers = filters.CharFilter(
        field_name="answers__reference", label=_("Answers the demand"), distinct=True
    )

    class Meta(public.StatementFilter.Meta):
        fields = [*public.StatementFilter.Meta.fields, "answers"]


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
