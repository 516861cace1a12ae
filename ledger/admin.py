"""The ledger in the staff's workplace: read by everyone with a role, never edited. A wrong
entry is put right by a correction entry that points at it."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.permissions import can_edit

from . import display, services
from .models import Checkpoint, Entry, SigningKey


class ReadOnly:
    """For records written only by the domain (the ledger, the reminders): the admin shows
    them and never adds, changes or deletes one, whoever asks."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RecordInline(ReadOnly, admin.TabularInline):
    """A record shown on its item's page."""

    extra = 0
    max_num = 0
    can_delete = False


class EntryInline(RecordInline):
    """The item's history, read-only: the ledger is never edited."""

    model = Entry
    fields = [
        "seq_link",
        "recorded_at",
        "occurred_on",
        "kind",
        "what_changed",
        "public_note",
        "internal_note",
        "evidence_link",
        "author",
        "short_hash",
    ]
    readonly_fields = fields
    ordering = ["-seq"]
    verbose_name = _("ledger entry")
    verbose_name_plural = _("history (ledger)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author", "source", "corrects")

    @admin.display(description=_("number"))
    def seq_link(self, entry):
        url = reverse("admin:ledger_entry_change", args=[entry.pk])
        return format_html('<a href="{}">#{}</a>', url, entry.seq)

    @admin.display(description=_("what changed"))
    def what_changed(self, entry):
        return describe(entry)

    @admin.display(description=_("evidence"))
    def evidence_link(self, entry):
        if not entry.evidence_url:
            return ""
        return format_html('<a href="{0}" rel="noopener">{0}</a>', entry.evidence_url)

    @admin.display(description=_("hash"))
    def short_hash(self, entry):
        return entry.short_hash


def describe(entry: Entry) -> str:
    if entry.kind == Entry.Kind.CREATED:
        return str(Entry.Kind.CREATED.label)
    parts = [f"{change.label}: {change.old} → {change.new}" for change in display.changes(entry)]
    if entry.quote:
        parts.append(f"“{entry.quote}”")
    if entry.corrects_id:
        parts.append(str(_("corrects #%(seq)s")) % {"seq": entry.corrects.seq})
    return "; ".join(parts)


class CorrectionForm(forms.Form):
    public_note = forms.CharField(
        label=_("What was wrong (public note)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the public site beside both entries."),
    )
    internal_note = forms.CharField(
        label=_("Internal note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    evidence_url = forms.URLField(label=_("Evidence URL"), required=False, assume_scheme="https")


@admin.register(Entry)
class EntryAdmin(ReadOnly, admin.ModelAdmin):
    """The whole ledger, read-only, newest first."""

    read_only_reason = _(
        "The ledger is never rewritten: a wrong entry stays, and a correction entry that "
        "points at it puts it right (“Correct this entry”, for the item's editors)."
    )

    list_display = ["seq", "recorded_at", "subject_reference", "kind", "what_changed", "author"]
    list_filter = ["kind", "recorded_at"]
    search_fields = ["demand__reference", "statement__reference", "public_note"]
    list_select_related = ["demand", "statement", "author", "corrects"]
    ordering = ["-seq"]
    readonly_fields = [
        "seq",
        "format",
        "kind",
        "demand",
        "statement",
        "occurred_on",
        "recorded_at",
        "what_changed",
        "public_note",
        "internal_note",
        "evidence_url",
        "source",
        "quote",
        "corrects",
        "author",
        "private_digest",
        "content_digest",
        "previous_hash",
        "entry_hash",
    ]
    fields = readonly_fields

    @admin.display(description=_("item"))
    def subject_reference(self, entry):
        return entry.subject_reference

    @admin.display(description=_("what changed"))
    def what_changed(self, entry):
        return describe(entry)

    def get_urls(self):
        return [
            path(
                "<int:pk>/correct/",
                self.admin_site.admin_view(self.correct_view),
                name="ledger_entry_correct",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        entry = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if entry is not None and self._may_correct(request, entry):
            extra_context["correct_url"] = reverse("admin:ledger_entry_correct", args=[entry.pk])
        return super().change_view(request, object_id, form_url, extra_context)

    def _may_correct(self, request, entry: Entry) -> bool:
        return (
            entry.format == 2
            and entry.kind != Entry.Kind.CREATED
            and bool(entry.changes)
            and can_edit(request.user, entry.subject)
        )

    def _why_not_correctable(self, request, entry: Entry) -> str:
        if entry.format != 2 or entry.kind == Entry.Kind.CREATED or not entry.changes:
            return _(
                "This entry changed no value that a correction could restore (an item's first "
                "entry, or one written before corrections existed): record a new status, "
                "deadline or response instead."
            )
        return _("You may not correct this entry: it is not one of your organisation's items.")

    def correct_view(self, request, pk):
        """Put right a wrong entry: restore the values it replaced, saying why."""
        entry = get_object_or_404(Entry.objects.select_related("demand", "statement"), pk=pk)
        if not self._may_correct(request, entry):
            raise PermissionDenied(self._why_not_correctable(request, entry))
        restore = {name: old for name, (old, _new) in entry.changes.items()}
        form = CorrectionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                correction = services.record_correction(
                    entry, _python_values(entry, restore), by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Entry #%(seq)s corrected by entry #%(new)s.")
                    % {"seq": entry.seq, "new": correction.seq},
                )
                subject = entry.subject
                return redirect(f"admin:tracker_{subject._meta.model_name}_change", subject.pk)
        return TemplateResponse(
            request,
            "admin/ledger/correct_entry.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": _("Correct entry #%(seq)s") % {"seq": entry.seq},
                "entry": entry,
                "changes": display.changes(entry),
                "form": form,
            },
        )


def _python_values(entry: Entry, words: dict) -> dict:
    """Turn the ledger's words back into values the item's fields accept."""
    subject = entry.subject
    model = type(subject)
    values = {}
    for name, word in words.items():
        field = model._meta.get_field(name)
        if field.many_to_many:
            target = field.related_model
            key = "reference" if hasattr(target, "reference") else "slug"
            values[name] = list(target._default_manager.filter(**{f"{key}__in": word or []}))
        elif field.is_relation:
            target = field.related_model
            key = "reference" if hasattr(target, "reference") else "slug"
            values[name] = target._default_manager.filter(**{key: word}).first() if word else None
        else:
            values[name] = field.to_python(word) if word is not None else None
    return values


@admin.register(Checkpoint)
class CheckpointAdmin(ReadOnly, admin.ModelAdmin):
    read_only_reason = _(
        "Checkpoints are signed by the tracker after every change to the ledger: nobody "
        "changes one."
    )
    list_display = ["signed_at", "size", "head_hash", "key_id"]
    ordering = ["-size", "-signed_at"]
    fields = readonly_fields = ["size", "head_hash", "signed_at", "key_id", "signature"]


@admin.register(SigningKey)
class SigningKeyAdmin(ReadOnly, admin.ModelAdmin):
    read_only_reason = _(
        "Keys are created and retired with “manage.py ledger_key” on the server; a retired "
        "key stays, so that its checkpoints can still be checked."
    )
    list_display = ["key_id", "public_key", "created_at", "retired_at"]
    fields = readonly_fields = ["key_id", "public_key", "created_at", "retired_at"]
