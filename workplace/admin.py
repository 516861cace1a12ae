"""The staff's workplace. What a demand or statement says, its status, deadline and response
change only through ``ledger.services``, which records each change in the ledger; who may
change what is decided by ``accounts.permissions``."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import Organisation
from accounts.permissions import (
    allowed_organisations,
    allowed_owners,
    can_edit,
    can_edit_all,
    can_see_staff_emails,
    editable,
)
from ledger import services
from ledger.admin import EntryInline
from reminders.admin import DemandReminderInline, StatementReminderInline
from tracker.models import (
    Actor,
    Demand,
    Indicator,
    Measurement,
    Meeting,
    Response,
    Source,
    Statement,
    Status,
    Theme,
    overdue_first,
)

from . import usage
from .admin_briefing import MeetingPreparationMixin
from .admin_spreadsheets import DemandSpreadsheetMixin
from .pickers import OwnerSearch, OwnerSelect


class Refused(Exception):
    """The ledger refused a change of the admin's form: nothing of it was written."""

    def __init__(self, error: ValidationError, field: str | None):
        super().__init__(error)
        self.error, self.field = error, field


def _through_the_ledger(field: str | None, function, *args, **kwargs):
    """Call a ``ledger.services`` function; a refusal (``ValidationError``, ``StaleEdit``)
    becomes ``Refused``, naming the form's field it is about where the service does not."""
    try:
        return function(*args, **kwargs)
    except ValidationError as error:
        raise Refused(error, field) from error


# The services' names for what the item's form calls otherwise.
FORM_FIELD_OF = {
    "to_status": "new_status",
    "response": "new_response",
    "responded_on": "response_date",
    "quote": "response_quote",
}


def show_refusal(form: forms.Form, error: ValidationError, field: str | None = None) -> None:
    """The ledger's refusal on the form's fields it names (else on ``field``, else on the form)."""
    named = (
        error.error_dict.items() if hasattr(error, "error_dict") else [(field, error.error_list)]
    )
    for name, errors in named:
        if name not in form.fields:
            name = FORM_FIELD_OF.get(name, name)
        form.add_error(name if name in form.fields else None, errors)


class LedgerNoteFields(forms.Form):
    """What every ledger entry asks for: why (publicly and internally), when, the evidence."""

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
    occurred_on = forms.DateField(
        label=_("Happened on"),
        required=False,
        help_text=_("The day it happened, e.g. the date of the letter. Empty: today."),
        widget=admin.widgets.AdminDateWidget,
    )


class BulkStatusForm(LedgerNoteFields):
    to_status = forms.ChoiceField(label=_("New status"), choices=Status.choices)


class TrackedItemForm(forms.ModelForm):
    """The item's own fields plus a status change, written to the ledger on save.

    ``opened_version`` is the item's version when the page was opened: a save from an out-of-date
    page is refused, never written over someone else's change. What the ledger refuses (that
    refusal, the status it already has, a change without a reason) the ledger decides
    (``ledger.services``); the form shows its reasons on the fields they concern
    (``ledger_refusal``, see ``TrackedItemAdmin.changeform_view``).
    """

    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    new_status = forms.ChoiceField(
        label=_("New status"),
        choices=[("", _("— unchanged —")), *Status.choices],
        required=False,
    )
    public_note = LedgerNoteFields.base_fields["public_note"]
    internal_note = LedgerNoteFields.base_fields["internal_note"]
    evidence_url = LedgerNoteFields.base_fields["evidence_url"]
    occurred_on = LedgerNoteFields.base_fields["occurred_on"]

    LEDGER_EXTRA = ("new_status",)
    ledger_refusal: "Refused | None" = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["opened_version"].initial = self.instance.version

    def clean(self):
        data = super().clean()
        if self.ledger_refusal is not None:
            show_refusal(self, self.ledger_refusal.error, self.ledger_refusal.field)
        return data

    def changed_fields(self) -> list[str]:
        """The item's own fields this form changes (not the ledger's extra fields)."""
        own = {f.name for f in self._meta.model._meta.get_fields()}
        return [name for name in self.changed_data if name in own]

    def changes_status(self) -> bool:
        return bool(self.cleaned_data.get("new_status"))

    def changes_ledger(self) -> bool:
        """Whether the save writes an entry that needs the public note: a change of status,
        deadline or text. A response carries its own words (see ``DemandForm``)."""
        recorded = self._meta.model.LEDGER_FIELDS
        return self.changes_status() or any(name in recorded for name in self.changed_fields())

    def changes_response(self) -> bool:
        return False


class RefuseDeletingWhatIsUsed:
    """A record that something still uses is not deleted: the confirmation page names the
    users (``workplace.usage``) as protected objects, and Django's admin then refuses, for
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


class DemandForm(TrackedItemForm):
    """A demand's form: also how the addressee answered, recorded in the ledger."""

    new_response = forms.ChoiceField(
        label=_("New response"),
        choices=[("", _("— unchanged —")), *Response.choices],
        required=False,
    )
    response_date = forms.DateField(
        label=_("Responded on"), required=False, widget=admin.widgets.AdminDateWidget
    )
    response_source = forms.ModelChoiceField(
        label=_("In the document"),
        queryset=Source.objects.all(),
        required=False,
        help_text=_("The letter, debate or decision that holds the response."),
    )
    response_quote = forms.CharField(
        label=_("The response, quoted"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The addressee's own words, verbatim."),
    )

    def changes_response(self) -> bool:
        return bool(self.cleaned_data.get("new_response"))


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
        if value is not None and value != self.ALL and not value.isdigit():
            value = None  # A mistyped link shows the default list, not an error.
        user = self.request.user
        if value is None and user.organisation_id and not can_edit_all(user):
            return str(user.organisation_id)
        return value

    def queryset(self, request, queryset):
        value = self.value()
        if value and value != self.ALL:
            if not value.isdigit():
                return queryset.none()
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


# The fieldsets that close both the demand and the statement form.
TRACKED_ITEM_FIELDSETS = [
    (
        _("Measurable target"),
        {
            "fields": [
                "target_qualifier",
                "target_value",
                "target_unit",
                "target_description_nl",
                "target_description_en",
            ]
        },
    ),
    (
        _("Publication"),
        {"fields": ["is_published", "opened_version", "created_at", "updated_at"]},
    ),
]


# The item's own record of when it was entered and last changed, read-only.
DATES = ("created_at", "updated_at")


class TrackedItemAdmin(admin.ModelAdmin):
    """What the demand and statement admins share: permissions, the ledger, the list."""

    form = TrackedItemForm
    list_per_page = 50
    search_fields = ["reference", "title_nl", "title_en", "quote"]
    autocomplete_fields = ["source", "owner"]
    readonly_fields = ["status", "created_at", "updated_at"]
    actions = ["change_status"]
    date_hierarchy = None
    status_fields = ["status", "new_status"]
    response_fieldsets: list = []
    note_fieldset = (
        _("Why (recorded in the ledger)"),
        {
            "fields": ["public_note", "internal_note", "evidence_url", "occurred_on"],
            "description": _(
                "Every change of what this item says, of its status, deadline or response is "
                "written to the ledger with these notes. The public note is required then."
            ),
        },
    )

    object_history_template = "admin/tracker/object_history.html"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source", "organisation", "owner")

    def get_ordering(self, request):
        return overdue_first()

    def history_view(self, request, object_id, extra_context=None):
        # Django's history lists admin saves only; an item's history is its ledger, whoever
        # wrote it (the seed, an import, the API, the admin).
        item = self.get_object(request, unquote(object_id))
        if item is not None:
            query = urlencode({"q": item.reference})
            extra_context = {
                **(extra_context or {}),
                "ledger_url": f"{reverse('admin:ledger_entry_changelist')}?{query}",
            }
        return super().history_view(request, object_id, extra_context)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            fields.append("reference")  # The public reference never changes.
        return fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(self.item_fieldsets)
        if obj is not None and self.has_change_permission(request, obj):
            # What the ledger records, and why, together under the item's name: the public
            # note a change requires sits beside the new status, not screens below it.
            fieldsets[1:1] = [
                (_("Status"), {"fields": self.status_fields}),
                self.note_fieldset,
                *self.response_fieldsets,
            ]
        if obj is None:
            # An item not yet entered was neither created nor updated: no "updated: now".
            fieldsets = [
                (name, {**options, "fields": [f for f in options["fields"] if f not in DATES]})
                for name, options in fieldsets
            ]
        return fieldsets

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        # Nothing that entered the ledger is deleted: unpublish it, or withdraw it.
        return False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organisation":
            kwargs["queryset"] = allowed_organisations(request.user, Organisation.objects.all())
            kwargs["initial"] = request.user.organisation_id
        if db_field.name == "owner" and "owner" in self.get_autocomplete_fields(request):
            kwargs["widget"] = OwnerSelect(
                db_field, self.admin_site, self.owner_search_url_name, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @property
    def owner_search_url_name(self) -> str:
        opts = self.model._meta
        return f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_owner_autocomplete"

    def get_urls(self):
        opts = self.model._meta
        search = OwnerSearch.as_view(admin_site=self.admin_site)
        return [
            path(
                "owner-autocomplete/",
                self.admin_site.admin_view(search),
                name=f"{opts.app_label}_{opts.model_name}_owner_autocomplete",
            ),
            *super().get_urls(),
        ]

    def get_autocomplete_fields(self, request):
        fields = super().get_autocomplete_fields(request)
        if can_see_staff_emails(request.user):
            return fields
        # Searching all staff is for coordinators; an editor picks from a list instead.
        return [name for name in fields if name != "owner"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        # A class made for this request (modelform_factory): its refusal is this request's.
        form.ledger_refusal = getattr(request, "ledger_refusal", None)
        owner = form.base_fields.get("owner")
        if owner is not None and not can_see_staff_emails(request.user):
            # An editor gives an item to a colleague of their organisation (or keeps the
            # owner it has).
            owner.queryset = allowed_owners(request.user, owner.queryset) | owner.queryset.filter(
                pk=getattr(obj, "owner_id", None)
            )
        elif owner is not None:
            # Whom the type-ahead offers (``OwnerSearch``), or the owner the item has.
            owner.queryset = owner.queryset.filter(
                Q(is_active=True, is_staff=True) | Q(pk=getattr(obj, "owner_id", None))
            )
        return form

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """A save is one transaction through the ledger's door: the item, its entries and its
        inlines, or nothing. Where the ledger refuses, nothing was written, and the same page
        comes back with what was typed and the ledger's reasons on their fields."""
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        try:
            with services.writing():
                return super().changeform_view(request, object_id, form_url, extra_context)
        except Refused as refusal:
            request.ledger_refusal = refusal
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        """Saved with its relations in ``save_related``, through the ledger."""

    def save_related(self, request, form, formsets, change):
        self.record(request, form, change)
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def record(self, request, form, change) -> None:
        """Write the form's changes through the ledger's door, one entry per kind of change
        (the item's fields, its deadline, its status, a response), the page's version checked once.

        A refusal is raised as ``Refused``: ``changeform_view`` shows it on the form."""
        obj = form.instance
        data = form.cleaned_data
        notes = {
            "by": request.user,
            "public_note": data.get("public_note", ""),
            "internal_note": data.get("internal_note", ""),
            "evidence_url": data.get("evidence_url", ""),
            "occurred_on": data.get("occurred_on"),
        }
        many = [f.name for f in obj._meta.many_to_many if f.name in form.fields]
        if not change:
            _through_the_ledger(
                None, services.enter, obj, relations={name: data[name] for name in many}, **notes
            )
            return
        version = data.get("opened_version")
        changed = form.changed_fields()
        values = {name: data[name] for name in changed if name != "deadline"}
        if values:
            _through_the_ledger(
                None, services.update, obj, values, expected_version=version, **notes
            )
            version = None  # Checked once, under the lock that the rest shares.
        if "deadline" in changed:
            _through_the_ledger(
                "deadline",
                services.record_deadline_change,
                obj,
                data["deadline"],
                expected_version=version,
                **notes,
            )
            version = None
        if form.changes_status():
            _through_the_ledger(
                "new_status",
                services.record_status_change,
                obj,
                data["new_status"],
                expected_version=version,
                **notes,
            )
            version = None
        if form.changes_response():
            _through_the_ledger(
                "new_response",
                services.record_response,
                obj,
                data["new_response"],
                responded_on=data["response_date"],
                source=data.get("response_source"),
                quote=data.get("response_quote", ""),
                expected_version=version,
                by=request.user,
                public_note=notes["public_note"],
                internal_note=notes["internal_note"],
                evidence_url=notes["evidence_url"],
            )

    @admin.display(description=_("overdue"), boolean=False)
    def is_overdue(self, obj):
        # Words, not a red cross on every row that is fine.
        return _("Overdue") if obj.is_overdue() else ""

    @admin.display(description=_("deadline"), ordering="deadline")
    def deadline_and_overdue(self, obj):
        """The deadline, with the word "overdue" under it where it has passed: one column."""
        day = date_format(obj.deadline, "SHORT_DATE_FORMAT") if obj.deadline else "-"
        if obj.is_overdue():
            return format_html("{}<br><strong>{}</strong>", day, _("Overdue"))
        return day

    @admin.action(description=_("Change the status of the selected items"), permissions=["change"])
    def change_status(self, request, queryset):
        allowed = list(editable(request.user, queryset))
        refused = [item for item in queryset if item not in allowed]
        if not allowed:
            # Nothing this user may change: no form to fill in for nothing.
            if refused:
                message = _(
                    "None of the selected items is yours to change: %(refs)s. Nothing was changed."
                ) % {"refs": ", ".join(item.reference for item in refused)}
            else:
                message = _("None of the selected items is in this list. Nothing was changed.")
            self.message_user(request, message, messages.ERROR)
            return None
        form = BulkStatusForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            data = form.cleaned_data
            try:
                entries, skipped = services.record_status_changes(
                    allowed,
                    data["to_status"],
                    by=request.user,
                    public_note=data["public_note"],
                    internal_note=data["internal_note"],
                    evidence_url=data["evidence_url"],
                    occurred_on=data["occurred_on"],
                )
            except ValidationError as error:
                # Nothing was changed: the form again, with the ledger's reasons.
                show_refusal(form, error)
            else:
                self._report_status_changes(request, data["to_status"], entries, skipped, refused)
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

    def _report_status_changes(self, request, to_status, entries, skipped, refused) -> None:
        for item in skipped:
            self.message_user(
                request,
                _("%(reference)s already has the status “%(status)s”.")
                % {"reference": item.reference, "status": Status(to_status).label},
                messages.WARNING,
            )
        if entries:
            self.message_user(
                request,
                ngettext("%(count)d status changed.", "%(count)d statuses changed.", len(entries))
                % {"count": len(entries)},
                messages.SUCCESS,
            )
        else:
            self.message_user(request, _("No status was changed."), messages.WARNING)
        if refused:
            self.message_user(
                request,
                _("Left unchanged, not yours to edit: %(refs)s")
                % {"refs": ", ".join(item.reference for item in refused)},
                messages.ERROR,
            )


class DemandEntryInline(EntryInline):
    fk_name = "demand"


class StatementEntryInline(EntryInline):
    fk_name = "statement"


@admin.register(Demand)
class DemandAdmin(DemandSpreadsheetMixin, TrackedItemAdmin):
    form = DemandForm
    # The columns that fit beside the filters at 1280 pixels: addressees, organisation and
    # publication are filters of their own, and on the demand's page.
    list_display = [
        "reference",
        "title_nl",
        "status",
        "response",
        "deadline_and_overdue",
        "owner",
    ]
    list_display_links = ["reference", "title_nl"]
    list_filter = [
        "status",
        "response",
        OverdueFilter,
        OrganisationFilter,
        "themes",
        "addressees",
        "raised_by",
        "source",
        ("owner", admin.RelatedOnlyFieldListFilter),
        "deadline",
        "priority",
        "is_published",
    ]
    autocomplete_fields = [
        *TrackedItemAdmin.autocomplete_fields,
        "addressees",
        "themes",
        "raised_by",
        "duplicate_of",
        "overlaps",
    ]
    readonly_fields = [*TrackedItemAdmin.readonly_fields, "response", "responded_on"]
    response_fieldsets = [
        (
            _("Response"),
            {
                "fields": [
                    "response",
                    "responded_on",
                    "new_response",
                    "response_date",
                    "response_source",
                    "response_quote",
                ]
            },
        )
    ]
    inlines = [DemandEntryInline, DemandReminderInline]
    item_fieldsets = [
        (None, {"fields": ["reference", "title_nl", "title_en", "summary_nl", "summary_en"]}),
        (_("Source"), {"fields": ["source", "quote", "quote_location", "raised_by", "adopted"]}),
        (
            _("Who and when"),
            {
                "fields": [
                    "addressees",
                    "themes",
                    "organisation",
                    "owner",
                    "deadline",
                    "deadline_text",
                    "priority",
                ]
            },
        ),
        (_("Related demands"), {"fields": ["duplicate_of", "overlaps"]}),
        *TRACKED_ITEM_FIELDSETS,
    ]


@admin.register(Statement)
class StatementAdmin(TrackedItemAdmin):
    list_display = [
        "reference",
        "title_nl",
        "kind",
        "actor",
        "status",
        "is_overdue",
        "deadline",
        "organisation",
        "owner",
    ]
    list_display_links = ["reference", "title_nl"]
    list_filter = ["kind", "status", OverdueFilter, "actor", "source", "deadline", "is_published"]
    autocomplete_fields = [*TrackedItemAdmin.autocomplete_fields, "actor", "answers"]
    inlines = [StatementEntryInline, StatementReminderInline]
    item_fieldsets = [
        (
            None,
            {
                "fields": [
                    "reference",
                    "kind",
                    "title_nl",
                    "title_en",
                    "description_nl",
                    "description_en",
                ]
            },
        ),
        (
            _("Source"),
            {
                "fields": [
                    "actor",
                    "source",
                    "made_on",
                    "made_on_precision",
                    "quote",
                    "quote_location",
                ]
            },
        ),
        (
            _("Who and when"),
            {"fields": ["answers", "organisation", "owner", "deadline", "deadline_text"]},
        ),
        *TRACKED_ITEM_FIELDSETS,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


@admin.register(Source)
class SourceAdmin(RefuseDeletingWhatIsUsed, admin.ModelAdmin):
    list_display = ["title", "kind", "author", "date", "is_published"]
    list_filter = ["kind", "date", "is_published"]
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
class MeetingAdmin(RefuseDeletingWhatIsUsed, MeetingPreparationMixin, admin.ModelAdmin):
    list_display = [
        "title_nl",
        "kind",
        "date_or_wait",
        "time",
        "place",
        "reminder_days",
        "is_published",
    ]
    list_filter = ["kind", "date", "is_published"]
    list_select_related = ["source"]
    search_fields = ["title_nl", "title_en", "place"]
    autocomplete_fields = ["source", "demands"]
    prepopulated_fields = {"slug": ["title_nl"]}
    date_hierarchy = "date"

    @admin.display(description=_("date"), ordering="date")
    def date_or_wait(self, meeting):
        """The date, or how long the meeting has waited for one where that is long."""
        if meeting.date is not None:
            return date_format(meeting.date, "SHORT_DATE_FORMAT")
        if meeting.is_undated_for_long():
            return format_html("<strong>{}</strong>", self.waiting(meeting))
        return _("date to be set")

    @staticmethod
    def waiting(meeting) -> str:
        return _("No date for %(time)s now") % {"time": timesince(meeting.undated_since())}

    def change_view(self, request, object_id, form_url="", extra_context=None):
        meeting = self.get_object(request, unquote(object_id))
        if request.method == "GET" and meeting is not None and meeting.is_undated_for_long():
            self.message_user(
                request,
                _("%(waiting)s: ask for the date, or stop planning for this meeting.")
                % {"waiting": self.waiting(meeting)},
                messages.WARNING,
            )
        return super().change_view(request, object_id, form_url, extra_context)


class MeasurementInline(admin.TabularInline):
    model = Measurement
    extra = 1
    autocomplete_fields = ["source"]
    fields = ["date", "date_precision", "qualifier", "value", "nature", "source", "note"]


@admin.register(Indicator)
class IndicatorAdmin(RefuseDeletingWhatIsUsed, admin.ModelAdmin):
    list_display = ["name_nl", "unit_nl"]
    search_fields = ["name_nl", "name_en"]
    prepopulated_fields = {"slug": ["name_nl"]}
    inlines = [MeasurementInline]
