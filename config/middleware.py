"""Requests refused before any view sees them."""

import re
from urllib.parse import unquote_plus

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpResponse

# Control characters no URL of this site has. NUL in particular reaches PostgreSQL as a
# query parameter, which refuses it with an error (a 500) rather than finding nothing.
_PATH_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# In a query string, tab and line breaks are text a form may carry; the rest is not.
_QUERY_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class RequestGuardMiddleware:
    """400 for a URL with control characters, 413 for a body over ``MAX_REQUEST_BYTES``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _PATH_CONTROL.search(request.path_info) or _QUERY_CONTROL.search(
            unquote_plus(request.META.get("QUERY_STRING", ""), errors="replace")
        ):
            raise BadRequest("Control characters in the URL.")
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            raise BadRequest("Content-Length is not a number.") from None
        if length > settings.MAX_REQUEST_BYTES:
            return HttpResponse(
                f"Request body too large: at most {settings.MAX_REQUEST_BYTES} bytes.\n",
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
