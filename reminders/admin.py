"""The reminders in the admin: every reminder planned, read-only, and on the pages of the
demands, statements and users they concern (added to their admins from here, so that the
apps beneath import nothing of the reminders)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.admin import UserAdmin
from ledger.admin import ReadOnly, RecordInline
from tracker.models import Reminder


class ReminderInline(RecordInline):
    """What was sent, when, and what failed: read-only, written by ``reminders.planning``."""

    model = Reminder
    fields = [
        "period",
        "kind",
        "recipient",
        "subject",
        "state",
        "attempts",
        "sent_at",
        "last_error",
    ]
    readonly_fields = fields
    ordering = ["-period", "-id"]
    verbose_name_plural = _("reminders sent")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("recipient")


class DemandReminderInline(ReminderInline):
    fk_name = "demand"


class StatementReminderInline(ReminderInline):
    fk_name = "statement"


class RecipientReminderInline(ReminderInline):
    fk_name = "recipient"
    fields = [field for field in ReminderInline.fields if field != "recipient"]
    readonly_fields = fields


UserAdmin.inlines = [*UserAdmin.inlines, RecipientReminderInline]


@admin.register(Reminder)
class ReminderAdmin(ReadOnly, admin.ModelAdmin):
    """Every reminder planned: sent, retrying (with the error) or cancelled (with why)."""

    read_only_reason = _(
        "Reminders are planned and sent by the tracker from owners, deadlines and meetings: "
        "change those, and the next reminders follow."
    )

    list_display = ["period", "kind", "recipient", "subject", "state", "attempts", "sent_at"]
    list_filter = ["state", "kind", "period"]
    search_fields = ["recipient__email", "recipient__name", "subject", "key"]
    list_select_related = ["recipient"]
    date_hierarchy = "period"
    readonly_fields = [
        "key",
        "recipient",
        "kind",
        "meeting",
        "demand",
        "statement",
        "deadline",
        "period",
        "state",
        "subject",
        "body",
        "attempts",
        "last_error",
        "next_attempt_at",
        "claimed_until",
        "created_at",
        "sent_at",
        "message_id",
    ]
    fields = readonly_fields
