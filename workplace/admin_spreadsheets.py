"""Import and export of demands in the admin: django-import-export, with the coalition's
rules on top.

- Import: a CSV or XLSX file as Excel saves it (``workplace.spreadsheets``), checked column by
  column before any row is read, then every row; all problems in one table, in the
  staff member's language; nothing is written unless every row is valid, and the page
  says so. Who may import: whoever may add demands (editors, coordinators).
- Export: whoever may read the demands exports them, as the list shows them (same
  filters); the export page says what the file will contain. Owners' e-mail addresses
  only for coordinators.
"""

import datetime
import logging
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import XLSX
from import_export.forms import ImportForm, SelectableFieldsExportForm
from import_export.results import Result, RowResult

from accounts.permissions import can_export, can_see_staff_emails

from .resources import COLUMNS, LEDGER_COLUMNS, DemandResource, DemandResourceWithoutOwnerEmails
from .spreadsheets import (
    DutchExcelCSV,
    SpreadsheetFormat,
    UnreadableFile,
    check_size,
    read_spreadsheet,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one row (or the whole file), as the import page lists it."""

    line: int | None
    column: str
    value: str
    message: str


def problems(result: Result) -> list[Problem]:
    """Every problem of every row of an import, in line order.

    Lines are numbered as a spreadsheet shows them: the header is line 1, the first demand
    line 2. Columns are the resource's field names, which are the file's column names.
    Unexpected failures are logged with their traceback and described without it.
    """
    found = []
    for error in result.base_errors:
        logger.error("Import failed", exc_info=error.error)
        found.append(Problem(None, "", "", _("The import stopped on an unexpected error.")))
    for row in result.invalid_rows:
        values = dict(zip(result.diff_headers, row.values, strict=True))
        for field, field_messages in row.error_dict.items():
            column = "" if field == NON_FIELD_ERRORS else field
            for message in field_messages:
                value = values.get(column, "")
                found.append(
                    Problem(row.number + 1, column, "" if value == "---" else _show(value), message)
                )
    for number, errors in result.row_errors():
        for error in errors:
            logger.error("Import of line %s failed", number + 1, exc_info=error.error)
            found.append(
                Problem(number + 1, "", "", _("This line could not be saved: unexpected error."))
            )
    return sorted(found, key=lambda problem: problem.line or 0)


def _show(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.strftime("%d-%m-%Y")
    return str(value)


class SpreadsheetImportForm(ImportForm):
    """Just the file: whether it is CSV or XLSX is read from its content. The file's size,
    its readability and its columns are checked here, before any row is imported."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.resource_class = resources[0]
        upload = self.fields["import_file"]
        upload.label = _("Spreadsheet")
        upload.help_text = _(
            "CSV (separated by commas or semicolons, UTF-8 or Windows-1252) or Excel (.xlsx), "
            "as Excel saves it."
        )
        upload.widget.attrs["accept"] = ".csv,.xlsx,text/csv"
        self.fields["format"].required = False
        self.fields["format"].widget = forms.HiddenInput()
        self.initial["format"] = "0"

    def clean_format(self):
        return self.cleaned_data.get("format") or "0"

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        try:
            check_size(upload.size)
            dataset = read_spreadsheet(b"".join(upload.chunks()))
        except UnreadableFile as error:
            raise ValidationError(str(error)) from None
        column_problems = self.resource_class.column_problems(dataset.headers)
        if column_problems:
            raise ValidationError(column_problems)
        if not any(any(str(value).strip() for value in row) for row in dataset):
            raise ValidationError(_("The file names its columns but holds no demands."))
        return upload


class DescribedExportForm(SelectableFieldsExportForm):
    """The export form, each column named with what it holds."""

    def _get_field_label(self, resource, field_name: str) -> str:
        try:
            field = resource._meta.model._meta.get_field(field_name)
        except FieldDoesNotExist:
            return field_name
        return f"{field_name} ({field.verbose_name})"


class DemandSpreadsheetMixin(ImportExportMixin):
    resource_classes = [DemandResource]
    import_formats = [SpreadsheetFormat]
    export_formats = [DutchExcelCSV, XLSX]
    import_form_class = SpreadsheetImportForm
    export_form_class = DescribedExportForm
    import_template_name = "admin/tracker/demand/import.html"
    export_template_name = "admin/tracker/demand/export.html"

    # Import

    def has_import_permission(self, request):
        return self.has_add_permission(request)

    def get_import_data_kwargs(self, **kwargs):
        kwargs = super().get_import_data_kwargs(**kwargs)
        # All or nothing: one invalid row rolls the whole file back.
        kwargs["rollback_on_validation_errors"] = True
        return kwargs

    def get_import_context_data(self, **kwargs):
        return {
            **super().get_import_context_data(**kwargs),
            "columns": [
                (
                    name,
                    DemandResource.column_label(name),
                    COLUMNS.get(name, ""),
                    LEDGER_COLUMNS.get(name, ""),
                    self._required(name),
                )
                for name in DemandResource.columns()
            ],
            "required_for_new": DemandResource.required_for_new(),
            "max_size": settings.IMPORT_MAX_BYTES,
        }

    @staticmethod
    def _required(name: str) -> str:
        if name in DemandResource._meta.import_id_fields:
            return _("Always")
        if name in DemandResource.required_for_new():
            return _("For a new demand")
        return ""

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        result = getattr(response, "context_data", {}).get("result")
        if result is not None:
            response.context_data["problems"] = problems(result)
            response.context_data["counts"] = self._counts(result)
            # The preview is read by people: the columns in their language. The file keeps
            # the model's names, so that an exported file imports again.
            response.context_data["preview_headers"] = [
                DemandResource.column_label(name) for name in result.diff_headers
            ]
        return response

    def process_import(self, request, **kwargs):
        if request.method == "POST" and self.has_import_permission(request):
            confirm_form = self.create_confirm_form(request)
            if not confirm_form.is_valid():
                # Not a confirmation of a checked file (an old tab, a crafted post).
                messages.warning(request, _("Upload the file again: it is checked first."))
                return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}_import")
        return super().process_import(request, **kwargs)

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            # The file changed on its way, or the data did: nothing was written.
            context = {
                **self.admin_site.each_context(request),
                **self.get_import_context_data(),
                "title": _("Import"),
                "opts": self.model._meta,
                "form": self.get_import_form_class(request)(
                    self.get_import_formats(), self.get_import_resource_classes(request)
                ),
                "result": result,
                "problems": problems(result),
                "counts": self._counts(result),
            }
            return TemplateResponse(request, [self.import_template_name], context)
        return super().process_result(result, request)

    @staticmethod
    def _counts(result) -> dict:
        totals = result.totals
        return {
            "rows": result.total_rows,
            "invalid": len(result.invalid_rows) + len(result.row_errors()),
            "new": totals[RowResult.IMPORT_TYPE_NEW],
            "updated": totals[RowResult.IMPORT_TYPE_UPDATE],
            "unchanged": totals[RowResult.IMPORT_TYPE_SKIP],
        }

    def add_success_message(self, result, request):
        counts = self._counts(result)
        messages.success(
            request,
            _(
                "Imported: %(new)s, %(updated)s, %(unchanged)s. Statuses and deadlines are "
                "unchanged: they change on each demand's page."
            )
            % {
                "new": ngettext("%d new demand", "%d new demands", counts["new"]) % counts["new"],
                "updated": ngettext("%d demand changed", "%d demands changed", counts["updated"])
                % counts["updated"],
                "unchanged": ngettext("%d unchanged", "%d unchanged", counts["unchanged"])
                % counts["unchanged"],
            },
        )

    # Export

    def has_export_permission(self, request):
        return can_export(request.user)

    def get_export_resource_classes(self, request):
        if can_see_staff_emails(request.user):
            return [DemandResource]
        return [DemandResourceWithoutOwnerEmails]

    def get_export_filename(self, request, queryset, file_format):
        scope = self._organisation_scope(request) or _("all-organisations")
        day = timezone.localdate().isoformat()
        return f"{_('demands')}-{slugify(scope)}-{day}.{file_format.get_extension()}"

    def init_request_context_data(self, request, form):
        context = super().init_request_context_data(request, form)
        queryset = self.get_export_queryset(request)
        context["export"] = {
            "count": queryset.count(),
            "unpublished": queryset.filter(is_published=False).count(),
            "filters": self._filter_descriptions(request),
            "owner_emails": can_see_staff_emails(request.user),
        }
        return context

    def _changelist(self, request):
        return self.get_changelist_instance(request)

    def _filter_descriptions(self, request) -> list[str]:
        """The list's filters and search as words: what the export is limited to."""
        changelist = self._changelist(request)
        described = []
        for spec in changelist.filter_specs:
            # A filter's first choice ("All") is no limit, unless chosen explicitly: then
            # it overrides a default (an editor's own organisation) and is worth saying.
            choices = list(spec.choices(changelist))[0 if spec.used_parameters else 1 :]
            for choice in choices:
                if choice["selected"]:
                    described.append(f"{spec.title}: {choice['display']}")
        if changelist.query:
            described.append(_("search: “%(query)s”") % {"query": changelist.query})
        return described

    def _organisation_scope(self, request) -> str:
        changelist = self._changelist(request)
        for spec in changelist.filter_specs:
            if getattr(spec, "parameter_name", None) == "organisation":
                for choice in list(spec.choices(changelist))[1:]:
                    if choice["selected"]:
                        return str(choice["display"])
        return ""
