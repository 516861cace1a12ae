"""Conditional requests: an ``ETag`` on every read, 304 for ``If-None-Match``, and ``If-Match``
on edits.

A list's ETag is computed without reading the list: from the ledger's chain head (every
change of a demand or statement moves it), the row count, highest id and last ``updated_at``
of the other tables the answer shows, and what else shapes the answer (the query string, the
language, whether the reader sees unpublished items, today's date for ``overdue``). All of it
comes from one SQL query, so a client that polls pays for one query when nothing changed.

A demand's or statement's ETag carries its ``version`` as well: an edit sent with
``If-Match`` is refused with 412 when the item changed since (``ledger.services`` checks the
version under the item's lock, so a write between the check and the save is refused too).
"""

import hashlib
import re

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.response import Response

from tracker.models import local_today


def etag(request, *parts) -> str:
    """A strong ETag over ``parts`` and what shapes every answer: path and query string,
    host, language, today's date and whether the reader sees unpublished rows."""
    shape = (
        request.get_host(),
        request.get_full_path(),
        translation.get_language(),
        local_today().isoformat(),
        bool(getattr(request, "sees_unpublished", False)),
    )
    # Keyed with the site's secret: nobody can work out the ETag of an answer they were not
    # given (of an unpublished item, say) and probe for it with If-None-Match.
    key = hashlib.sha256(settings.SECRET_KEY.encode()).digest()
    digest = hashlib.blake2b(repr((shape, parts)).encode(), digest_size=16, key=key).hexdigest()
    return f'"{digest}"'


def item_etag(request, reference: str, version: int, head: int | None) -> str:
    """A demand's or statement's ETag: its version in clear (``If-Match`` reads it back),
    then a digest of the rest."""
    return f'"{reference}.v{version}.{etag(request, head).strip(chr(34))[:16]}"'


def matches(request, current: str) -> bool:
    """Whether ``If-None-Match`` names ``current``.

    Only a tag this site gave counts, never ``*``: a tag covers the whole query string, so a
    client holds it only from an earlier answer to the same valid request, and the 304 can
    come before the request is read any further."""
    header = request.headers.get("If-None-Match", "")
    return current in {tag.strip().removeprefix("W/") for tag in header.split(",")}


def not_modified(current: str) -> Response:
    return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": current})


class PreconditionRequired(APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = _(
        "Send the item's ETag in an If-Match header: read the item first, then change it."
    )
    default_code = "precondition_required"


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _("The item changed since you read it. Nothing was saved: read it again.")
    default_code = "precondition_failed"


_ITEM_TAG = re.compile(r'^"(?P<reference>[^"]+)\.v(?P<version>\d+)\.[0-9a-f]+"$')


def expected_version(request, reference: str, required: bool) -> int | None:
    """The version of ``reference`` an edit was made from, out of ``If-Match``; ``None``
    when there is none and none is required. An ``If-Match`` that names no version of this
    item fails (412), as a stale one does."""
    header = request.headers.get("If-Match", "").strip()
    if not header:
        if required:
            raise PreconditionRequired()
        return None
    match = _ITEM_TAG.match(header)
    if match is None or match["reference"] != reference:
        raise PreconditionFailed()
    return int(match["version"])
