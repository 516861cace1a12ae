"""Filters that only the API has. Demands are filtered by the public site's own
``tracker.filters.DemandFilter``: one definition for the list, its exports and the API."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_filters import rest_framework as filters
from rest_framework.exceptions import ValidationError

from ledger.models import Entry
from tracker.models import Actor, Source, Statement, Status

# The bounds of a search (``q``): the public list's search is bounded the same way.
SEARCH_MAX_LENGTH = 200
SEARCH_MAX_TERMS = 8


def check_search(request) -> None:
    """Refuse a search that would make the database do unbounded work (400)."""
    text = request.query_params.get("q", "")
    if len(text) > SEARCH_MAX_LENGTH:
        raise ValidationError(
            {"q": [_("Search with at most %(limit)d characters.") % {"limit": SEARCH_MAX_LENGTH}]}
        )
    if len(text.split()) > SEARCH_MAX_TERMS:
        raise ValidationError(
            {
                "q": [
                    ngettext(
                        "Search for at most %(limit)d word.",
                        "Search for at most %(limit)d words.",
                        SEARCH_MAX_TERMS,
                    )
                    % {"limit": SEARCH_MAX_TERMS}
                ]
            }
        )


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
