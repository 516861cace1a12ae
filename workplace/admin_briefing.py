"""The meeting's admin page prepares the meeting: a printable briefing of its agenda and
a read-only panel of who will be reminded of what (``workplace.briefing``), shown after the
form's fields (templates/admin/tracker/meeting/change_form.html)."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.permissions import can_export, can_see_staff_emails

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
                **self._preparation_context(request),
            },
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        meeting = self.get_object(request, unquote(object_id))
        extra_context = {**(extra_context or {}), **self._preparation_context(request)}
        if meeting is not None:
            extra_context["reminder_plan"] = reminder_plan(meeting, timezone.now())
        return super().change_view(request, object_id, form_url, extra_context)

    def add_view(self, request, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), **self._preparation_context(request)}
        return super().add_view(request, form_url, extra_context)

    @staticmethod
    def _preparation_context(request) -> dict:
        # Owners' e-mail addresses, like exports: for coordinators.
        return {"show_staff_emails": can_see_staff_emails(request.user)}
