from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
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
