"""Caching a reader never notices.

Every public page, feed and export is a function of what is published, today's date (what
is overdue, what is upcoming), the language and the request's path and query. The first two
are named by one cheap query: the ledger's chain head (every change to a demand or statement
is an entry) and ``PublicVersion`` (every other change the public sees: sources, meetings,
figures, vocabularies; bumped by the signals below). A response is cached under that name, so
a change is visible on the very next request, and a conditional GET is answered 304 for the
price of that one query. Responses carry no cookie and ``Cache-Control: public, no-cache``:
shared caches and CDNs may keep them, and must ask again each time (cheaply, with the ETag).
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db.models import OuterRef, Subquery
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import translation
from django.utils.http import http_date, quote_etag

from accounts.models import Organisation
from ledger.models import ChainHead, Entry

from .models import (
    Actor,
    Demand,
    Indicator,
    Measurement,
    Meeting,
    PublicVersion,
    Source,
    Theme,
    local_today,
)

# Models whose changes the public sees without a ledger entry.
WATCHED = (Source, Actor, Theme, Meeting, Indicator, Measurement, Organisation)
_KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language")


def version() -> tuple[str, float | None]:
    """The public site's state, and when it last changed (a timestamp): one query."""
    head = ChainHead.objects.filter(pk=1)
    rows = PublicVersion.objects.filter(pk=1).annotate(
        head_seq=Subquery(head.values("seq")[:1]),
        head_at=Subquery(Entry.objects.filter(seq=OuterRef("head_seq")).values("recorded_at")[:1]),
    )
    row = rows.values_list("number", "changed_at", "head_seq", "head_at").first()
    if row is None:  # A database emptied by hand, or by the test suite's flush.
        PublicVersion.objects.get_or_create(pk=1)
        row = rows.values_list("number", "changed_at", "head_seq", "head_at").first()
    number, changed_at, seq, head_at = row
    last = max(moment for moment in (changed_at, head_at) if moment is not None)
    return f"{seq or 0}.{number}", last.timestamp()


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


def _bump(sender, **kwargs):
    PublicVersion.bump()


def connect_signals() -> None:
    for model in WATCHED:
        post_save.connect(_bump, sender=model, dispatch_uid=f"public-version-save-{model.__name__}")
        post_delete.connect(
            _bump, sender=model, dispatch_uid=f"public-version-delete-{model.__name__}"
        )
    for through in (Meeting.demands.through, Demand.overlaps.through):
        m2m_changed.connect(
            _bump, sender=through, dispatch_uid=f"public-version-{through.__name__}"
        )
