"""Searching the demands: bounded in length and terms, full-text on PostgreSQL.

The public list, its exports and the API search with ``search_demands``. A query is at most
``MAX_LENGTH`` characters and ``MAX_TERMS`` terms (``validate_search``), so no request can
make the database do unbounded work. Every term must match (AND). On PostgreSQL a term
matches a word that starts with it, through a full-text index (``search_vector``); on
SQLite, the development database, any part of a text.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Q, QuerySet
from django.utils.translation import ngettext_lazy

MAX_LENGTH = 200
MAX_TERMS = 8
FIELDS = ("reference", "title_nl", "title_en", "summary_nl", "summary_en", "quote")
# Both languages' texts in one vector, so the 'simple' configuration: no stemming, no stop
# words, the same for Dutch and English. A PostgreSQL GIN index on exactly this expression
# makes the search fast (see the index migration).
SEARCH_CONFIG = "simple"


def search_vector() -> SearchVector:
    return SearchVector(*FIELDS, config=SEARCH_CONFIG)


def validate_search(text: str) -> None:
    if len(text.split()) > MAX_TERMS:
        raise ValidationError(
            ngettext_lazy(
                "Search for at most %(limit)d word.",
                "Search for at most %(limit)d words.",
                MAX_TERMS,
            ),
            code="too_many_terms",
            params={"limit": MAX_TERMS},
        )


def _words(text: str) -> list[str]:
    """The words of ``text`` as PostgreSQL's parser indexes them: runs of letters and
    digits, where a number after a hyphen keeps its sign (``WKA-2025-07`` is ``wka``,
    ``-2025``, ``-07``)."""
    return re.findall(r"-?\d+|[^\W_]+", text.lower())[: MAX_TERMS * 4]


def search_demands(queryset: QuerySet, text: str) -> QuerySet:
    """The demands of ``queryset`` that match every term of ``text``."""
    terms = text.split()[:MAX_TERMS]
    if not terms:
        return queryset
    if connection.vendor == "postgresql":
        words = _words(" ".join(terms))
        if not words:
            return queryset
        # Each word is quoted and holds only letters, digits and a leading hyphen, so no
        # query syntax reaches PostgreSQL from the visitor.
        query = SearchQuery(
            " & ".join(f"'{word}':*" for word in words), config=SEARCH_CONFIG, search_type="raw"
        )
        return queryset.alias(search=search_vector()).filter(search=query)
    for term in terms:
        queryset = queryset.filter(
            Q.create([(f"{field}__icontains", term) for field in FIELDS], connector=Q.OR)
        )
    return queryset
