"""The staff's admin site: the one ``AdminSite`` every app registers with (``config.apps``
puts it in place of Django's default), asking for two-step login where it is required and
opening on the user's own organisation's open demands.
"""

from django.contrib import admin
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from accounts import two_factor
from accounts.forms import LoginForm
from accounts.permissions import role_description
from tracker.models import Demand


class LedgerAdminSite(admin.AdminSite):
    site_header = _("Kind in azc ledger")
    site_title = _("Kind in azc ledger")
    index_title = _("Your work")
    login_form = LoginForm
    login_template = "accounts/login.html"

    def has_permission(self, request):
        """Staff, and for coordinators (and whoever set it up) a login with a code."""
        return super().has_permission(request) and two_factor.is_satisfied(request.user)

    def login(self, request, extra_context=None):
        user = request.user
        if (
            user.is_active
            and user.is_staff
            and two_factor.is_required(user)
            and not two_factor.is_set_up(user)
        ):
            # Signed in with a password, required to set up two-step login: do that first.
            return redirect("accounts:two_factor")
        return super().login(request, extra_context)

    def index(self, request, extra_context=None):
        """Staff land on their organisation's open demands, overdue first."""
        extra_context = extra_context or {}
        organisation = getattr(request.user, "organisation", None)
        # A staff account without a role reads none of the coalition's records, here too.
        if organisation is not None and request.user.has_perm("tracker.view_demand"):
            extra_context["organisation"] = organisation
            extra_context["my_demands"] = (
                Demand.objects.for_organisation(organisation)
                .open()
                .with_overdue()
                .select_related("owner")
                .order_by("-overdue", "deadline", "reference")[:15]
            )
        elif not request.user.is_superuser and not request.user.groups.exists():
            # Django's own "no permission to view or edit anything" says nothing of why.
            extra_context["no_role"] = role_description(request.user)
        return super().index(request, extra_context)


# Django's own Dutch catalogue lacks these (screen-reader headings of the admin's model
# lists), and django-axes has none for its lockout pages; naming them here puts them in
# ours, which Django consults first.
DJANGO_ADMIN_STRINGS = [
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("Attempt Time"),
    gettext_noop("Path"),
    gettext_noop("Locked Out"),
    gettext_noop("User Agent"),
    gettext_noop("IP Address"),
    gettext_noop("Failed Logins"),
    gettext_noop("Logout Time"),
    gettext_noop("Expires At"),
    gettext_noop("Form Data"),
    gettext_noop("Meta Data"),
    gettext_noop("Not set"),
    gettext_noop("Access lock out"),
    gettext_noop("GET Data"),
    gettext_noop("POST Data"),
]
