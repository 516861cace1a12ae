"""Caching a reader never notices, and the freshness the API's ETags share.

Every public page, feed and export is a function of what is published, today's date (what
is overdue, what is upcoming), the language and the request's path and query. What is
published is named by ``stamp``: one SQL query over the ledger's chain head (every change to
a demand or statement is an entry) and, for each other table the public sees, its row count,
newest id and last ``updated_at``. A response is cached under that name, so a change is
visible on the very next request, and a conditional GET is answered 304 for the price of
that one query. Responses carry no cookie and ``Cache-Control: public, no-cache``: shared
caches and CDNs may keep them, and must ask again each time (cheaply, with the ETag).
The API's ETags (``api.conditional``) are made from the same ``stamp``.
"""

import datetime
import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Model
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date, quote_etag

from accounts.models import Organisation
from ledger.models import ChainHead, Entry
from tracker.models import Actor, Indicator, Measurement, Meeting, Source, Theme, local_today

CHAIN = ChainHead
# What the public sees besides the ledger's items; a change to any of them names a new state.
PUBLIC_TABLES = [
    CHAIN,
    Source,
    Actor,
    Theme,
    Meeting,
    Meeting.demands.through,
    Indicator,
    Measurement,
    Organisation,
]
_KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language")


def _table_columns(source) -> list[str]:
    """Scalar subqueries that change whenever a row of ``source`` is added, changed or
    removed (``CHAIN``: the ledger's head and when its newest entry was recorded; a model:
    its count, newest id and last update)."""
    quote = connection.ops.quote_name
    table = quote(source._meta.db_table)
    if source is CHAIN:
        entries = quote(Entry._meta.db_table)
        return [
            *(
                f"(SELECT {quote(c)} FROM {table} WHERE {quote('id')} = {ChainHead.ONLY})"
                for c in ("seq", "entry_hash")
            ),
            f"(SELECT MAX({quote('recorded_at')}) FROM {entries} WHERE {quote('seq')} = "
            f"(SELECT {quote('seq')} FROM {table} WHERE {quote('id')} = {ChainHead.ONLY}))",
        ]
    columns = [f"(SELECT COUNT(*) FROM {table})", f"(SELECT MAX({quote('id')}) FROM {table})"]
    if any(field.name == "updated_at" for field in source._meta.concrete_fields):
        columns.append(f"(SELECT MAX({quote('updated_at')}) FROM {table})")
    return columns


def stamp(sources: list[type[Model]]) -> tuple:
    """One query: a value that differs whenever any of ``sources`` changed."""
    columns = [column for source in sources for column in _table_columns(source)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(columns))
        return tuple(cursor.fetchone())


def _moment(value):
    """A stamp's value as an aware moment, if it is one (SQLite gives text)."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is None or not hasattr(value, "tzinfo"):
        return None
    return timezone.make_aware(value, datetime.UTC) if timezone.is_naive(value) else value


def version() -> tuple[str, float | None]:
    """The public site's state, and when it last changed (a timestamp): one query."""
    values = stamp(PUBLIC_TABLES)
    moments = [moment for moment in map(_moment, values) if moment is not None]
    state = hashlib.sha256(repr(values).encode()).hexdigest()[:24]
    return state, max(moments).timestamp() if moments else None


def cache_key(request, state: str) -> str:
    name = "|".join(
        (
            state,
            local_today().isoformat(),
            translation.get_language() or "",
            request.get_full_path(),
        )
    )
    return "page:" + hashlib.sha256(name.encode()).hexdigest()


def cached_page(view):
    """Serve ``view`` from the cache while nothing the public sees has changed."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or not settings.PUBLIC_CACHE_SECONDS:
            return view(request, *args, **kwargs)
        state, last = version()
        key = cache_key(request, state)
        etag = quote_etag(key[5:37])
        if etag in request.headers.get("If-None-Match", ""):
            return _headers(HttpResponseNotModified(), etag, last)
        stored = cache.get(key)
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers.items():
                response[name] = value
            return _headers(response, etag, last)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            response = response.render() if hasattr(response, "render") else response
            headers = {name: response[name] for name in _KEPT_HEADERS if name in response}
            cache.set(
                key,
                (response.status_code, headers, response.content),
                settings.PUBLIC_CACHE_SECONDS,
            )
            _headers(response, etag, last)
        return response

    return wrapper


def _headers(response, etag: str, last: float | None):
    response["ETag"] = etag
    if last is not None:
        response["Last-Modified"] = http_date(last)
    response["Cache-Control"] = "public, no-cache"
    return response
