from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from tracker.models import Demand


class LedgerAdminSite(admin.AdminSite):
    site_header = _("Kind in azc ledger")
    site_title = _("Kind in azc ledger")
    index_title = _("Your work")

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
        return super().index(request, extra_context)


# Django's own Dutch catalogue lacks these (screen-reader headings of the admin's model
# lists); naming them here puts them in ours, which Django consults first.
DJANGO_ADMIN_STRINGS = [gettext_noop("Add link"), gettext_noop("Change or view list link")]
