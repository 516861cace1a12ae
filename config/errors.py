"""Refusals inside the admin look like the admin and speak the staff's language.

Django's default 403 is a bare "403 Forbidden"; its 404 is the public site's page. Staff
who hit either inside the admin get a page in the admin's layout that says what happened,
what their role allows and where to go next. Everyone else gets the default pages.
"""

from django.contrib import admin
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import defaults

from accounts.permissions import role_description


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
