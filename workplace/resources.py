"""CSV and XLSX import and export of demands (django-import-export).

The columns are the model's field names (``reference``, ``title_nl``...), so that an
exported file imports again. Values are read as the coalition's spreadsheets write them:
Dutch or ISO dates, decimal commas, ``ja``/``nee``, Dutch or English choice labels. Every
problem of a row is reported, in the user's language, never only the first.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources, widgets

from accounts.models import Organisation, User
from accounts.permissions import can_edit
from ledger import services
from public_site.cells import spreadsheet_safe
from tracker.models import Actor, Demand, Priority, Source, Status, Theme

# What each column holds, for the import page and the export form.
COLUMNS = {
    "reference": gettext_lazy(
        "Reference, e.g. WKA-2025-03. A reference that exists updates that demand."
    ),
    "title_nl": gettext_lazy("Title in Dutch."),
    "title_en": gettext_lazy("Title in English."),
    "summary_nl": gettext_lazy("Summary in Dutch."),
    "summary_en": gettext_lazy("Summary in English."),
    "quote": gettext_lazy("The verbatim Dutch text of the source."),
    "quote_location": gettext_lazy("Page or section of the source."),
    "source": gettext_lazy("The source document's slug, e.g. brief-werkgroep-2025."),
    "addressees": gettext_lazy("Addressees' slugs, separated by commas, e.g. coa,ind."),
    "themes": gettext_lazy("Themes' slugs, separated by commas."),
    "organisation": gettext_lazy("The owning organisation's slug, e.g. defence-for-children."),
    "owner": gettext_lazy("The owner's e-mail address."),
    "deadline": gettext_lazy(
        "31-12-2026 or 2026-12-31. A new demand's deadline only: an existing demand's "
        "deadline moves on its page, with a reason."
    ),
    "target_value": gettext_lazy("A number, e.g. 600 or 12,5."),
    "target_unit": gettext_lazy("Unit of the target, e.g. children."),
    "target_description_nl": gettext_lazy("What is counted, in Dutch."),
    "target_description_en": gettext_lazy("What is counted, in English."),
    "priority": gettext_lazy("high, medium or low (or hoog, gemiddeld, laag)."),
    "is_published": gettext_lazy("Shown on the public site: ja or nee (1 or 0)."),
    "occurred_on": gettext_lazy(
        "Imported, never exported: the day the row's change happened, e.g. the date of the "
        "letter (31-12-2025 or 2025-12-31). Empty: today. Never after today."
    ),
    "status": gettext_lazy(
        "Exported, never imported: a status changes on the demand's page (“New status”) "
        "or with the list's action “Change the status”, with a reason. A value that differs "
        "from the current status is refused."
    ),
}
# Columns the import does not simply write: they change through the ledger, with a reason.
LEDGER_COLUMNS = {
    "status": gettext_lazy("Checked, not imported."),
    "deadline": gettext_lazy("Imported for new demands only."),
    "occurred_on": gettext_lazy("Recorded in the ledger with the row's change."),
}


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _names(choice) -> set[str]:
    """A choice's code and its label in every language, lower-cased."""
    names = {choice.value.lower()}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            names.add(str(choice.label).lower())
    return names


class SlugWidget(widgets.ForeignKeyWidget):
    """A relation by slug (or e-mail) whose unknown value is a clear error, not a traceback."""

    def clean(self, value, row=None, **kwargs):
        if _text(value) == "":
            return None
        try:
            return self.model.objects.get(**{self.field: _text(value)})
        except self.model.DoesNotExist:
            raise ValueError(
                _("There is no %(model)s “%(value)s”.")
                % {"model": self.model._meta.verbose_name, "value": _text(value)}
            ) from None


class SlugListWidget(widgets.ManyToManyWidget):
    """Comma-separated slugs; an unknown one is an error instead of being silently dropped."""

    def clean(self, value, row=None, **kwargs):
        wanted = {slug.strip() for slug in _text(value).split(self.separator) if slug.strip()}
        found = list(self.model.objects.filter(**{f"{self.field}__in": wanted}))
        missing = wanted - {getattr(obj, self.field) for obj in found}
        if missing:
            raise ValueError(
                _("There is no %(model)s “%(value)s”.")
                % {"model": self.model._meta.verbose_name, "value": ", ".join(sorted(missing))}
            )
        return found


class DateWidget(widgets.DateWidget):
    """31-12-2026 (as Dutch Excel writes it), 2026-12-31, or a spreadsheet's date cell."""

    FORMATS = ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y")

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = _text(value)
        if not text:
            return None
        for date_format in self.FORMATS:
            try:
                return datetime.datetime.strptime(text, date_format).date()
            except ValueError:
                continue
        raise ValueError(_("Not a date: write 31-12-2026 or 2026-12-31."))

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class DecimalWidget(widgets.DecimalWidget):
    """600, 12,5 (a decimal comma), 1.234,5 or 12.5."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            return Decimal(str(value))
        text = _text(value).replace(" ", "")
        if not text:
            return None
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        try:
            return Decimal(text)
        except InvalidOperation:
            raise ValueError(_("Not a number: write e.g. 600 or 12,5.")) from None


class BooleanWidget(widgets.BooleanWidget):
    """ja/nee, yes/no, 1/0, WAAR/ONWAAR (Dutch Excel), TRUE/FALSE."""

    YES = {"1", "ja", "j", "yes", "y", "true", "waar", "x"}
    NO = {"0", "nee", "n", "no", "false", "onwaar"}

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        text = _text(value).lower()
        if not text:
            return None
        if text in self.YES:
            return True
        if text in self.NO:
            return False
        raise ValueError(_("Write ja or nee."))


class ChoiceWidget(widgets.Widget):
    """A choice by its code (``high``) or its label in Dutch or English (``Hoog``)."""

    def __init__(self, choices, **kwargs):
        self.choices = choices
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if not text:
            return None
        for choice in self.choices:
            if text.lower() in _names(choice):
                return choice.value
        raise ValueError(
            _("Choose one of: %(choices)s.")
            % {"choices": ", ".join(f"{c.value} ({c.label})" for c in self.choices)}
        )

    def render(self, value, obj=None, **kwargs):
        return value or ""


class DemandResource(resources.ModelResource):
    """One row per demand; relations by slug, the owner by e-mail.

    The status is exported, never imported: it changes only through the ledger. So does
    the deadline of an existing demand, which needs a stated reason. A row that would
    change either is refused with a message that says where to change it.
    """

    source = fields.Field(
        attribute="source", column_name="source", widget=SlugWidget(Source, field="slug")
    )
    organisation = fields.Field(
        attribute="organisation",
        column_name="organisation",
        widget=SlugWidget(Organisation, field="slug"),
    )
    owner = fields.Field(
        attribute="owner", column_name="owner", widget=SlugWidget(User, field="email")
    )
    addressees = fields.Field(
        attribute="addressees",
        column_name="addressees",
        widget=SlugListWidget(Actor, field="slug", separator=","),
    )
    themes = fields.Field(
        attribute="themes",
        column_name="themes",
        widget=SlugListWidget(Theme, field="slug", separator=","),
    )
    deadline = fields.Field(attribute="deadline", column_name="deadline", widget=DateWidget())
    target_value = fields.Field(
        attribute="target_value", column_name="target_value", widget=DecimalWidget()
    )
    priority = fields.Field(
        attribute="priority",
        column_name="priority",
        widget=ChoiceWidget(Priority),
        saves_null_values=False,
    )
    is_published = fields.Field(
        attribute="is_published",
        column_name="is_published",
        widget=BooleanWidget(),
        saves_null_values=False,
    )
    status = fields.Field(attribute="status", column_name="status", readonly=True)

    class Meta:
        model = Demand
        import_id_fields = ["reference"]
        fields = [
            "reference",
            "title_nl",
            "title_en",
            "summary_nl",
            "summary_en",
            "quote",
            "quote_location",
            "source",
            "addressees",
            "themes",
            "organisation",
            "owner",
            "deadline",
            "target_value",
            "target_unit",
            "target_description_nl",
            "target_description_en",
            "priority",
            "is_published",
            "status",
        ]
        export_order = fields
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = False
        use_transactions = True

    # Read from the file, not from the demand: the day the row's change happened, for its
    # ledger entry.
    IMPORT_ONLY = ("occurred_on",)

    @classmethod
    def columns(cls) -> list[str]:
        """Every column a file may have: the exported ones and the import's own."""
        return [*cls._meta.fields, *cls.IMPORT_ONLY]

    @classmethod
    def required_for_new(cls) -> list[str]:
        """The columns a new demand's row must fill in: the model's fields that may not be
        blank and have no default (an existing demand's row needs only its reference)."""
        model = cls._meta.model._meta
        required = []
        for name in cls._meta.fields:
            field = model.get_field(name)
            if not field.blank and not field.has_default():
                required.append(name)
        return required

    @classmethod
    def column_label(cls, name: str) -> str:
        """A column's name in the user's language (the model field's verbose name)."""
        if name == "occurred_on":  # the import's own column, as the ledger's forms call it
            return _("Happened on")
        try:
            return capfirst(cls._meta.model._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            return name

    @classmethod
    def column_problems(cls, headers: list) -> list[str]:
        """What is wrong with a file's header row, before any row is read."""
        known = cls.columns()
        problems = []
        names = [_text(header) for header in headers]
        for position, name in enumerate(names, 1):
            if not name:
                problems.append(_("Column %(number)s has no name.") % {"number": position})
            elif name not in known:
                problems.append(
                    _("Unknown column “%(name)s”. The columns are: %(known)s.")
                    % {"name": name, "known": ", ".join(known)}
                )
        for name in sorted({name for name in names if name and names.count(name) > 1}):
            problems.append(_("The column “%(name)s” appears twice.") % {"name": name})
        if "reference" not in names:
            problems.append(
                _("The column “reference” is missing: every row needs a demand's reference.")
            )
        return problems

    def before_import(self, dataset, **kwargs):
        # Excel keeps stray spaces around a header; the columns are the same.
        dataset.headers = [_text(header) for header in dataset.headers]

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if not any(_text(value) for value in row.values()):
            return True  # An empty line (Excel leaves them) is no demand.
        return super().skip_row(instance, original, row, import_validation_errors)

    def import_instance(self, instance, row, **kwargs):
        """Read the row into ``instance`` and collect every problem of the row at once."""
        user = kwargs.get("user")
        existing = instance.pk is not None
        status_before, deadline_before = instance.status, instance.deadline
        errors: dict[str, list] = {}

        def add(field: str, message) -> None:
            errors.setdefault(field, []).append(message)

        if existing and user is not None and not can_edit(user, instance):
            add("organisation", _("You may not change the demands of another organisation."))
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                for message in messages:
                    add(field, message)
        # Many-to-many values are saved after validation; check them now, so that an
        # unknown slug stops the row before anything is written.
        for name in ("addressees", "themes"):
            if name in row:
                try:
                    self.fields[name].clean(row)
                except ValueError as error:
                    add(name, str(error))
        if "organisation" not in errors and user is not None and not can_edit(user, instance):
            add("organisation", _("You may only import demands of your own organisation."))
        if existing and "deadline" not in errors and instance.deadline != deadline_before:
            add(
                "deadline",
                _(
                    "The deadline of an existing demand changes on the demand's page, with a "
                    "reason: it is recorded in the ledger. Leave it as it is here."
                ),
            )
        try:
            self._occurred_on(row)
        except ValueError as error:
            add("occurred_on", str(error))
        if "status" in row:
            message = self._status_problem(row["status"], status_before, existing)
            if message:
                add("status", message)
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def _occurred_on(row) -> datetime.date | None:
        return DateWidget().clean(row.get("occurred_on"))

    @staticmethod
    def _status_problem(value, current: str, existing: bool) -> str:
        text = _text(value)
        if not text:
            return ""
        if text.lower() in _names(Status(current)):
            return ""
        if existing:
            return _(
                "The status is not imported: change it on the demand's page (“New status”) "
                "or with the list's action “Change the status”, with a reason. It is recorded "
                "in the ledger."
            )
        return _(
            "A new demand starts as “Open”: change its status afterwards on its page, "
            "with a reason. Leave this cell empty."
        )

    def save_instance(self, instance, is_create, row, **kwargs):
        """Through the ledger, like every other change: a new demand is entered with all it
        says, a changed one gets a revision entry. Its relations go with it, in one entry."""
        if self._is_dry_run(kwargs) and not self._is_using_transactions(kwargs):
            return
        self.before_save_instance(instance, row, **kwargs)
        relations = {
            name: list(self.fields[name].clean(row))
            for name in ("addressees", "themes")
            if self.fields[name].column_name in row
        }
        note = _("Imported from a spreadsheet.")
        user = kwargs.get("user")
        # The ledger refuses a day after today; the row is then invalid and nothing is written.
        occurred_on = self._occurred_on(row)
        if is_create:
            services.enter(
                instance, by=user, relations=relations, public_note=note, occurred_on=occurred_on
            )
        else:
            names = [
                field.attribute
                for field in self.get_import_fields()
                if field.attribute
                and field.column_name in row
                and not field.readonly
                and field.attribute not in ("reference", "deadline", "status", *relations)
            ]
            values = {name: getattr(instance, name) for name in names}
            services.update(
                instance,
                {**values, **relations},
                by=user,
                public_note=note,
                occurred_on=occurred_on,
            )
        self.after_save_instance(instance, row, **kwargs)

    def save_m2m(self, instance, row, **kwargs):
        """Saved with the instance, through the ledger (``save_instance``)."""

    def export_field(self, field, instance, **kwargs):
        # Exported cells are text, never formulas: the same rule as the public CSV.
        return spreadsheet_safe(super().export_field(field, instance, **kwargs))


class DemandResourceWithoutOwnerEmails(DemandResource):
    """The export for editors: owners' e-mail addresses are for coordinators only."""

    class Meta(DemandResource.Meta):
        fields = [name for name in DemandResource.Meta.fields if name != "owner"]
        export_order = fields
