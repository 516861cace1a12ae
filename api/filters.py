"""Filters that only the API has. Demands and statements are filtered by the public site's
own ``public_site.filters``: one definition for the lists, their exports and the API."""

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from django_filters.rest_framework import DjangoFilterBackend

from ledger.models import Entry
from public_site import filters as public


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


class Filters(DjangoFilterBackend):
    """The view's filter, not built for a request that names nothing but a page: a filter
    given no values returns the list as it is, after building a form of all its fields
    (a millisecond of every unfiltered page of demands)."""

    def filter_queryset(self, request, queryset, view):
        paging = {view.paginator.page_query_param, view.paginator.page_size_query_param}
        if request.query_params.keys() <= paging:
            return queryset
        return super().filter_queryset(request, queryset, view)
