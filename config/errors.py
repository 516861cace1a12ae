"""Refusals: inside the admin they look like the admin and speak the staff's language;
under ``/api/`` they are JSON.

Django's default 403 is a bare "403 Forbidden"; its 404 is the public site's page. Staff
who hit either inside the admin get a page in the admin's layout that says what happened,
what their role allows and where to go next. Everyone else gets the default pages, except
API clients: a request refused before any view (``config.middleware``) is answered in
JSON, as the API's views answer their own errors.
"""

from django.contrib import admin
from django.core.exceptions import BadRequest
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import defaults

from accounts.permissions import role_description

API_PATH = "/api/"


def refusal(request, status: int, message: str) -> HttpResponse:
    """A refusal in a sentence: JSON (``{"detail": ...}``) for the API, plain text elsewhere."""
    if request.path_info.startswith(API_PATH):
        return JsonResponse({"detail": message}, status=status)
    return HttpResponse(f"{message}\n", status=status, content_type="text/plain; charset=utf-8")


def _for_staff_in_admin(request) -> bool:
    # The path first: a public page's refusal must not read the session (which would make
    # it vary on the cookie, and no shared cache could keep it).
    if not request.path.startswith(reverse("admin:index")):
        return False
    user = getattr(request, "user", None)
    return user is not None and user.is_active and user.is_staff


def _admin_page(request, template: str, status: int, title: str, reason: str):
    context = {
        **admin.site.each_context(request),
        "title": title,
        "reason": reason,
        "role": role_description(request.user),
    }
    return render(request, template, context, status=status)


def permission_denied(request, exception=None):
    if not _for_staff_in_admin(request):
        return defaults.permission_denied(request, exception)
    # A PermissionDenied raised with a message carries its own explanation.
    reason = str(exception) if exception and str(exception) else ""
    return _admin_page(request, "admin/403.html", 403, _("You may not do this"), reason)


def page_not_found(request, exception=None):
    if not _for_staff_in_admin(request):
        return defaults.page_not_found(request, exception)
    return _admin_page(request, "admin/404.html", 404, _("Page not found"), "")


def bad_request(request, exception=None):
    if not request.path_info.startswith(API_PATH):
        return defaults.bad_request(request, exception)
    # Our own refusals (BadRequest) say what is wrong; any other (a suspicious request)
    # is not described to whoever sent it.
    message = str(exception) if isinstance(exception, BadRequest) else _("Bad request.")
    return refusal(request, 400, message)
