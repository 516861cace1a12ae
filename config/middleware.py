"""Requests refused before any view sees them."""

import re
from urllib.parse import unquote_plus

from django.conf import settings
from django.core.exceptions import BadRequest
from django.utils import translation
from django.utils.cache import patch_vary_headers

from config.errors import API_PATH, refusal

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
            return refusal(
                request, 413, f"Request body too large: at most {settings.MAX_REQUEST_BYTES} bytes."
            )
        return self.get_response(request)


# Pages for staff, outside the public site's language prefixes.
STAFF_PATHS = ("/admin/", "/accounts/")


class LocaleMiddleware:
    """The language of a page, the one rule for it:

    - the public site's from its URL alone (Dutch, or English under ``/en/``), so that it
      varies on nothing, sets no cookie and shared caches can keep it; the session is not
      even read;
    - the staff pages' from the signed-in member's profile (``User.language``, the
      language of their e-mails too), whatever public page they read before; before they
      sign in, as their browser asks (``Accept-Language``);
    - the API's (its messages and its description) as the client asks
      (``Accept-Language``), whoever is signed in: one address for every language.

    After ``AuthenticationMiddleware`` (it needs the user), before ``CommonMiddleware``
    (whose redirect to a URL with a slash resolves ``/en/…`` in the active language).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        staff = request.path_info.startswith(STAFF_PATHS)
        api = request.path_info.startswith(API_PATH)
        if not (staff or api):
            language = translation.get_language_from_path(request.path_info)
        elif staff and request.user.is_authenticated:
            language = request.user.language
        else:
            language = translation.get_language_from_request(request)
        translation.activate(language or settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        if staff or api:
            patch_vary_headers(response, ["Accept-Language"])
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response
