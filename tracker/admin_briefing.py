"""The meeting's admin page prepares the meeting: a printable briefing of its agenda and
a read-only panel of who will be reminded of what (``tracker.briefing``)."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.permissions import can_export

from .briefing import briefing_for, reminder_plan


class MeetingPreparationMixin:
    """For ``MeetingAdmin``: the briefing page and the "who will be reminded" panel."""

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/briefing/",
                self.admin_site.admin_view(self.briefing_view),
                name=f"{opts.app_label}_{opts.model_name}_briefing",
            ),
            *super().get_urls(),
        ]

    def briefing_view(self, request, object_id):
        meeting = self.get_object(request, unquote(object_id))
        # The briefing shows demands, unpublished ones and internal notes included: for
        # staff who may read both (a role), like the exports.
        if not (self.has_view_permission(request, meeting) and can_export(request.user)):
            raise PermissionDenied(_("The briefing is for staff with a role."))
        if meeting is None:
            raise Http404
        return render(
            request,
            "admin/tracker/meeting/briefing.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Briefing: %(meeting)s") % {"meeting": meeting.title},
                "briefing": briefing_for(meeting),
                "opts": self.model._meta,
            },
        )

    @admin.display(description=_("Who will be reminded"))
    def who_is_reminded(self, meeting):
        if meeting is None or meeting.pk is None:
            return _("Save the meeting to see who will get which digest.")
        return render_to_string(
            "admin/tracker/meeting/reminder_plan.html",
            {"meeting": meeting, "plan": reminder_plan(meeting, timezone.now())},
        )
