from axes.admin import AccessAttemptAdmin as AxesAccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tracker.admin import ReminderInline

from .models import Organisation, User


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "is_member"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "organisation", "language", "is_staff", "is_active"]
    list_filter = ["organisation", "groups", "is_staff", "is_active"]
    search_fields = ["email", "name"]
    list_select_related = ["organisation"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["name", "organisation", "language", "deadline_reminders"]}),
        (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "name", "organisation", "groups", "password1", "password2"],
            },
        ),
    ]


class RecipientReminderInline(ReminderInline):
    fk_name = "recipient"
    fields = [field for field in ReminderInline.fields if field != "recipient"]
    readonly_fields = fields


UserAdmin.inlines = [*UserAdmin.inlines, RecipientReminderInline]


admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class AccessAttemptAdmin(AxesAccessAttemptAdmin):
    """django-axes' list of failed logins, where coordinators unlock one by deleting it."""

    @admin.action(description=AxesAccessAttemptAdmin.cleanup_expired_attempts.short_description)
    def cleanup_expired_attempts(self, request, queryset):
        # django-axes reads "now" from the request, where it puts it only on a login: its own
        # action fails (a server error) on every other request without this.
        request.axes_attempt_time = timezone.now()
        return super().cleanup_expired_attempts(request, queryset)
