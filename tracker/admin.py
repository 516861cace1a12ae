"""The staff's workplace. Status and deadline changes go through ``tracker.ledger``;
who may change what is decided by ``accounts.permissions``."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.utils import quote
from django.core.exceptions import BadRequest, ValidationError
from django.db.models import F
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX

from accounts.models import Organisation
from accounts.permissions import allowed_organisations, can_edit, can_edit_all, editable

from . import ledger, usage
from .models import (
    Actor,
    Commitment,
    Demand,
    Indicator,
    Measurement,
    Meeting,
    Reminder,
    Source,
    Status,
    StatusChange,
    Theme,
)
from .resources import DemandResource


class LedgerNoteFields(forms.Form):
    """What every ledger entry asks for: why (publicly and internally), and the evidence."""

    public_note = forms.CharField(
        label=_("Public note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the public site: what happened and why."),
    )
    internal_note = forms.CharField(
        label=_("Internal note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Staff only."),
    )
    evidence_url = forms.URLField(
        label=_("Evidence URL"),
        required=False,
        assume_scheme="https",
        help_text=_("A Kamerbrief, a debate, a news item."),
    )


class BulkStatusForm(LedgerNoteFields):
    to_status = forms.ChoiceField(label=_("New status"), choices=Status.choices)

    def clean_public_note(self):
        note = self.cleaned_data["public_note"].strip()
        if not note:
            raise ValidationError(_("Say why the status changes: it is recorded in the ledger."))
        return note


class TrackedItemForm(forms.ModelForm):
    """The item's own fields plus a status change, written to the ledger on save."""

    new_status = forms.ChoiceField(
        label=_("New status"),
        choices=[("", _("— unchanged —")), *Status.choices],
        required=False,
    )
    public_note = LedgerNoteFields.base_fields["public_note"]
    internal_note = LedgerNoteFields.base_fields["internal_note"]
    evidence_url = LedgerNoteFields.base_fields["evidence_url"]

    def clean(self):
        data = super().clean()
        new_status = data.get("new_status")
        if new_status and new_status == self.instance.status:
            self.add_error("new_status", _("This is already the status."))
        elif self.changes_ledger() and not data.get("public_note", "").strip():
            self.add_error(
                "public_note",
                _("Say why the status or deadline changes: it is recorded in the ledger."),
            )
        return data

    def changes_status(self) -> bool:
        return bool(self.cleaned_data.get("new_status"))

    def changes_deadline(self) -> bool:
        return self.instance.pk is not None and "deadline" in self.changed_data

    def changes_ledger(self) -> bool:
        return self.changes_status() or self.changes_deadline()


class ReadOnly:
    """For records written only by the domain (the ledger, the reminders): the admin shows
    them and never adds, changes or deletes one, whoever asks."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RefuseDeletingWhatIsUsed:
    """A record that something still uses is not deleted: the confirmation page names the
    users (``tracker.usage``) as protected objects, and Django's admin then refuses, for
    the delete button and the bulk action alike."""

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        protected = list(protected)
        for record in objs:
            for use in usage.uses(record):
                for example in use.examples:
                    line = self._protected_line(example)
                    if line not in protected:
                        protected.append(line)
                if use.count > len(use.examples):
                    protected.append(
                        _("… and %(count)d more %(items)s")
                        % {
                            "count": use.count - len(use.examples),
                            "items": use.model._meta.verbose_name_plural,
                        }
                    )
        return deleted, counts, perms_needed, protected

    def _protected_line(self, record):
        # The same form as Django's own protected-object lines, so that none is listed twice.
        opts = record._meta
        name = capfirst(opts.verbose_name)
        try:
            url = reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change",
                args=[quote(record.pk)],
            )
        except NoReverseMatch:
            return f"{name}: {record}"
        return format_html('{}: <a href="{}">{}</a>', name, url, record)


class RecordInline(ReadOnly, admin.TabularInline):
    """A record shown on its item's page."""

    extra = 0
    can_delete = False


class StatusChangeInline(RecordInline):
    """The item's history, read-only: the ledger is never edited."""

    model = StatusChange
    fields = [
        "created_at",
        "from_status",
        "to_status",
        "deadline_change",
        "public_note",
        "internal_note",
        "evidence_link",
        "author",
        "short_hash",
    ]
    readonly_fields = fields
    verbose_name = _("ledger entry")
    verbose_name_plural = _("history (ledger)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")

    @admin.display(description=_("deadline"))
    def deadline_change(self, entry):
        if not entry.changes_deadline:
            return ""
        return f"{entry.from_deadline or '–'} → {entry.to_deadline or _('paused')}"

    @admin.display(description=_("evidence"))
    def evidence_link(self, entry):
        if not entry.evidence_url:
            return ""
        return format_html('<a href="{0}" rel="noopener">{0}</a>', entry.evidence_url)

    @admin.display(description=_("hash"))
    def short_hash(self, entry):
        return entry.entry_hash[:12]


class DemandStatusChangeInline(StatusChangeInline):
    fk_name = "demand"


class CommitmentStatusChangeInline(StatusChangeInline):
    fk_name = "commitment"


class ReminderInline(RecordInline):
    """What was sent, when, and what failed: read-only, written by ``tracker.reminders``."""

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
    max_num = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("recipient")


class DemandReminderInline(ReminderInline):
    fk_name = "demand"


class CommitmentReminderInline(ReminderInline):
    fk_name = "commitment"


class OverdueFilter(admin.SimpleListFilter):
    title = _("overdue")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("Overdue")), ("no", _("Not overdue"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.overdue()
        if self.value() == "no":
            return queryset.exclude(pk__in=queryset.overdue().values("pk"))
        return queryset


class OrganisationFilter(admin.SimpleListFilter):
    """Editors see their own organisation's items first; one click shows everyone's.

    Coordinators, who answer for the whole coalition, see everything by default.
    """

    title = _("organisation")
    parameter_name = "organisation"
    ALL = "all"

    def lookups(self, request, model_admin):
        return [(str(o.pk), o.name) for o in Organisation.objects.all()]

    def value(self):
        value = super().value()
        user = self.request.user
        if value is None and user.organisation_id and not can_edit_all(user):
            return str(user.organisation_id)
        return value

    def queryset(self, request, queryset):
        value = self.value()
        if value and value != self.ALL:
            if not value.isdigit():
                raise BadRequest(f"Unknown organisation: {value!r}")
            return queryset.filter(organisation_id=value)
        return queryset

    def __init__(self, request, params, model, model_admin):
        self.request = request  # value() needs the user before the parent's __init__ ends.
        super().__init__(request, params, model, model_admin)

    def choices(self, changelist):
        yield {
            "selected": self.value() in (None, self.ALL),
            "query_string": changelist.get_query_string({self.parameter_name: self.ALL}),
            "display": _("All organisations"),
        }
        for pk, name in self.lookup_choices:
            yield {
                "selected": self.value() == pk,
                "query_string": changelist.get_query_string({self.parameter_name: pk}),
                "display": name,
            }


# The fieldsets that close both the demand and the commitment form.
TRACKED_ITEM_FIELDSETS = [
    (
        _("Measurable target"),
        {
            "fields": [
                "target_value",
                "target_unit",
                "target_description_nl",
                "target_description_en",
            ]
        },
    ),
    (_("Publication"), {"fields": ["is_published", "created_at", "updated_at"]}),
]


class TrackedItemAdmin(admin.ModelAdmin):
    """What the demand and commitment admins share: permissions, the ledger, the list."""

    form = TrackedItemForm
    list_per_page = 50
    search_fields = ["reference", "title_nl", "title_en", "quote"]
    autocomplete_fields = ["source", "owner"]
    readonly_fields = ["status", "created_at", "updated_at"]
    actions = ["change_status"]
    date_hierarchy = None
    status_fieldset = (
        _("Status"),
        {
            "fields": ["status", "new_status", "public_note", "internal_note", "evidence_url"],
            "description": _(
                "A change of status or deadline is written to the ledger with these notes."
            ),
        },
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .with_overdue()
            .select_related("source", "organisation", "owner")
        )

    def get_ordering(self, request):
        return [F("overdue").desc(), F("deadline").asc(nulls_last=True), "reference"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(self.item_fieldsets)
        if self.has_change_permission(request, obj):
            fieldsets.insert(1, self.status_fieldset)
        return fieldsets

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or can_edit(request.user, obj))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organisation":
            kwargs["queryset"] = allowed_organisations(request.user, Organisation.objects.all())
            kwargs["initial"] = request.user.organisation_id
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        new_deadline = obj.deadline
        if form.changes_deadline():
            # The deadline moves through the ledger, with its reason, not with the form.
            obj.deadline = form.initial["deadline"]
        super().save_model(request, obj, form, change)
        notes = {
            "by": request.user,
            "public_note": form.cleaned_data["public_note"],
            "internal_note": form.cleaned_data["internal_note"],
            "evidence_url": form.cleaned_data["evidence_url"],
        }
        if form.changes_deadline():
            ledger.record_deadline_change(obj, new_deadline, **notes)
        if form.changes_status():
            ledger.record_status_change(obj, form.cleaned_data["new_status"], **notes)

    @admin.display(description=_("overdue"), ordering="overdue")
    def is_overdue(self, obj):
        # Words, not a red cross on every row that is fine.
        return _("Overdue") if obj.overdue else ""

    @admin.action(description=_("Change the status of the selected items"))
    def change_status(self, request, queryset):
        allowed = list(editable(request.user, queryset))
        refused = [item for item in queryset if item not in allowed]
        form = BulkStatusForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            changed = 0
            for item in allowed:
                try:
                    ledger.record_status_change(
                        item,
                        form.cleaned_data["to_status"],
                        by=request.user,
                        public_note=form.cleaned_data["public_note"],
                        internal_note=form.cleaned_data["internal_note"],
                        evidence_url=form.cleaned_data["evidence_url"],
                    )
                    changed += 1
                except ValidationError as error:
                    self.message_user(
                        request, f"{item.reference}: {error.messages[0]}", messages.WARNING
                    )
            self.message_user(
                request,
                ngettext("%(count)d status changed.", "%(count)d statuses changed.", changed)
                % {"count": changed},
                messages.SUCCESS,
            )
            if refused:
                self.message_user(
                    request,
                    _("Left unchanged, not yours to edit: %(refs)s")
                    % {"refs": ", ".join(item.reference for item in refused)},
                    messages.ERROR,
                )
            return None
        return TemplateResponse(
            request,
            "admin/tracker/change_status.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": _("Change status"),
                "form": form,
                "items": allowed,
                "refused": refused,
                "queryset": queryset,
                "action_checkbox_name": ACTION_CHECKBOX_NAME,
            },
        )


@admin.register(Demand)
class DemandAdmin(ImportExportMixin, TrackedItemAdmin):
    resource_classes = [DemandResource]
    formats = [CSV, XLSX]
    list_display = [
        "reference",
        "title_nl",
        "status",
        "is_overdue",
        "deadline",
        "addressee_names",
        "organisation",
        "owner",
        "is_published",
    ]
    list_display_links = ["reference", "title_nl"]
    list_filter = [
        "status",
        OverdueFilter,
        OrganisationFilter,
        "themes",
        "addressees",
        "source",
        ("owner", admin.RelatedOnlyFieldListFilter),
        "deadline",
        "priority",
        "is_published",
    ]
    autocomplete_fields = [*TrackedItemAdmin.autocomplete_fields, "addressees", "themes"]
    inlines = [DemandStatusChangeInline, DemandReminderInline]
    item_fieldsets = [
        (None, {"fields": ["reference", "title_nl", "title_en", "summary_nl", "summary_en"]}),
        (_("Source"), {"fields": ["source", "quote", "quote_location"]}),
        (
            _("Who and when"),
            {"fields": ["addressees", "themes", "organisation", "owner", "deadline", "priority"]},
        ),
        *TRACKED_ITEM_FIELDSETS,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("addressees")

    @admin.display(description=_("addressees"))
    def addressee_names(self, demand):
        return ", ".join(actor.name for actor in demand.addressees.all())


@admin.register(Commitment)
class CommitmentAdmin(TrackedItemAdmin):
    list_display = [
        "reference",
        "title_nl",
        "actor",
        "status",
        "is_overdue",
        "deadline",
        "organisation",
        "owner",
    ]
    list_display_links = ["reference", "title_nl"]
    list_filter = ["status", OverdueFilter, "actor", "source", "deadline", "is_published"]
    autocomplete_fields = [*TrackedItemAdmin.autocomplete_fields, "actor", "demands"]
    inlines = [CommitmentStatusChangeInline, CommitmentReminderInline]
    item_fieldsets = [
        (
            None,
            {"fields": ["reference", "title_nl", "title_en", "description_nl", "description_en"]},
        ),
        (_("Source"), {"fields": ["actor", "source", "made_on", "quote", "quote_location"]}),
        (_("Who and when"), {"fields": ["demands", "organisation", "owner", "deadline"]}),
        *TRACKED_ITEM_FIELDSETS,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


@admin.register(StatusChange)
class StatusChangeAdmin(ReadOnly, admin.ModelAdmin):
    """The whole ledger, read-only, newest first."""

    list_display = [
        "created_at",
        "subject_reference",
        "from_status",
        "to_status",
        "author",
        "public_note",
    ]
    list_filter = ["to_status", "created_at"]
    search_fields = ["demand__reference", "commitment__reference", "public_note"]
    list_select_related = ["demand", "commitment", "author"]
    ordering = ["-id"]
    readonly_fields = [
        "demand",
        "commitment",
        "from_status",
        "to_status",
        "from_deadline",
        "to_deadline",
        "public_note",
        "internal_note",
        "evidence_url",
        "author",
        "created_at",
        "previous_hash",
        "entry_hash",
    ]
    fields = readonly_fields

    @admin.display(description=_("item"))
    def subject_reference(self, entry):
        return entry.subject_reference


@admin.register(Source)
class SourceAdmin(RefuseDeletingWhatIsUsed, admin.ModelAdmin):
    list_display = ["title", "kind", "author", "date"]
    list_filter = ["kind", "date"]
    search_fields = ["title", "author", "slug"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Actor)
class ActorAdmin(RefuseDeletingWhatIsUsed, admin.ModelAdmin):
    list_display = ["name_nl", "name_en", "kind"]
    list_filter = ["kind"]
    search_fields = ["name_nl", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_nl"]}


@admin.register(Theme)
class ThemeAdmin(RefuseDeletingWhatIsUsed, admin.ModelAdmin):
    list_display = ["name_nl", "name_en"]
    search_fields = ["name_nl", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_nl"]}


@admin.register(Meeting)
class MeetingAdmin(RefuseDeletingWhatIsUsed, admin.ModelAdmin):
    list_display = ["title_nl", "kind", "starts_at", "place", "reminder_days"]
    list_filter = ["kind", "starts_at"]
    search_fields = ["title_nl", "title_en", "place"]
    autocomplete_fields = ["source", "demands"]
    prepopulated_fields = {"slug": ["title_nl"]}
    date_hierarchy = "starts_at"


class MeasurementInline(admin.TabularInline):
    model = Measurement
    extra = 1
    autocomplete_fields = ["source"]


@admin.register(Indicator)
class IndicatorAdmin(RefuseDeletingWhatIsUsed, admin.ModelAdmin):
    list_display = ["name_nl", "unit_nl"]
    search_fields = ["name_nl", "name_en"]
    prepopulated_fields = {"slug": ["name_nl"]}
    inlines = [MeasurementInline]


@admin.register(Reminder)
class ReminderAdmin(ReadOnly, admin.ModelAdmin):
    """Every reminder planned: sent, retrying (with the error) or cancelled (with why)."""

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
        "commitment",
        "deadline",
        "period",
        "state",
        "subject",
        "attempts",
        "last_error",
        "next_attempt_at",
        "claimed_until",
        "created_at",
        "sent_at",
        "message_id",
    ]
    fields = readonly_fields
