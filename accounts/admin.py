from axes.admin import AccessAttemptAdmin as AxesAccessAttemptAdmin
from axes.models import AccessAttempt
from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import ApiToken, Organisation, Role, User
from .permissions import can_give_roles, roles_given_by


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "is_member"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class RolesForm(forms.ModelForm):
    """A coordinator's form for a colleague: the roles they may give and take, nothing else.
    Roles the coordinator may not give are kept as they are."""

    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "An editor edits the demands and government statements of your organisation; a "
            "coordinator edits everything and gives roles to your organisation's staff."
        ),
    )
    given: list[Role] = []

    class Meta:
        model = User
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].choices = [(role.value, role.label) for role in self.given]
        self.fields["roles"].initial = [
            role.value for role in self.given if self.instance.has_role(role)
        ]

    def _save_m2m(self):
        super()._save_m2m()
        given = {role.value for role in self.given}
        kept = self.instance.groups.exclude(name__in=given)
        chosen = Group.objects.filter(name__in=self.cleaned_data["roles"])
        self.instance.groups.set([*kept, *chosen])


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
    # What a coordinator sees of a colleague whose roles they give and take.
    roles_fieldsets = [
        (None, {"fields": ["email", "name", "organisation", "is_active"]}),
        (_("Roles"), {"fields": ["roles"]}),
    ]

    def gives_roles_only(self, request, obj) -> bool:
        """Whether ``request.user`` changes only ``obj``'s roles here: a coordinator (not a
        superuser) on the page of a colleague of their organisation."""
        return (
            obj is not None
            and not super().has_change_permission(request, obj)
            and can_give_roles(request.user, obj)
        )

    def has_change_permission(self, request, obj=None):
        if super().has_change_permission(request, obj):
            return True
        if obj is None:
            return bool(roles_given_by(request.user))
        return can_give_roles(request.user, obj)

    def get_fieldsets(self, request, obj=None):
        if self.gives_roles_only(request, obj):
            return self.roles_fieldsets
        return super().get_fieldsets(request, obj)

    def get_readonly_fields(self, request, obj=None):
        if self.gives_roles_only(request, obj):
            return ["email", "name", "organisation", "is_active"]
        return super().get_readonly_fields(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        if self.gives_roles_only(request, obj):
            kwargs["form"] = type(
                "RolesForm", (RolesForm,), {"given": roles_given_by(request.user)}
            )
        return super().get_form(request, obj, **kwargs)

    def user_change_password(self, request, id, form_url=""):
        # Giving a colleague roles is not taking over their account: passwords stay a
        # superuser's (and their holder's, on the profile page).
        if not super().has_change_permission(request):
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    def construct_change_message(self, request, form, formsets, add=False):
        """A role given or taken is named in the user's history, not only "Roles changed"."""
        if not isinstance(form, RolesForm) or "roles" not in form.changed_data:
            return super().construct_change_message(request, form, formsets, add)
        before, after = set(form.fields["roles"].initial), set(form.cleaned_data["roles"])
        parts = []
        if after - before:
            names = ", ".join(str(Role(role).label) for role in sorted(after - before))
            parts.append(gettext("Role given: %(roles)s.") % {"roles": names})
        if before - after:
            names = ", ".join(str(Role(role).label) for role in sorted(before - after))
            parts.append(gettext("Role taken: %(roles)s.") % {"roles": names})
        return " ".join(parts)

    def save_model(self, request, obj, form, change):
        if isinstance(form, RolesForm):
            return  # Only the roles change: in ``RolesForm._save_m2m``.
        super().save_model(request, obj, form, change)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Personal API tokens: made here or by their holder on the profile page; revoked, never
    edited. The key is shown once, on the page after it is made."""

    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "user__email", "user__name", "prefix"]
    list_select_related = ["user"]
    autocomplete_fields = ["user"]
    readonly_fields = ["prefix", "after_two_step", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def get_fields(self, request, obj=None):
        return ["user", "name"] if obj is None else ["user", "name", *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is None else ["user", *self.readonly_fields]

    def has_delete_permission(self, request, obj=None):
        # Revoked, not deleted: the list keeps which keys existed and when they stopped.
        return False

    def save_model(self, request, obj, form, change):
        if not change:
            request.new_api_key = obj.assign_key()
            # Made for someone else, it says nothing of their two-step login.
            obj.after_two_step = obj.user_id == request.user.pk and request.user.is_verified()
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        return TemplateResponse(
            request,
            "admin/accounts/apitoken/new_key.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": _("Your new API token"),
                "token": obj,
                "key": request.new_api_key,
            },
        )

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        for token in queryset:
            token.revoke()
        self.message_user(request, _("Revoked: they are refused from now on."), messages.SUCCESS)


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
