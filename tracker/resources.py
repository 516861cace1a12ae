"""CSV and XLSX import and export of demands (django-import-export)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from accounts.models import Organisation, User
from accounts.permissions import can_edit
from ledger import services

from .models import Actor, Demand, Source, Theme
from .spreadsheets import spreadsheet_safe


class SlugWidget(widgets.ForeignKeyWidget):
    """A relation by slug (or e-mail) whose unknown value is a clear error, not a traceback."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist:
            raise ValueError(
                _("There is no %(model)s “%(value)s”.")
                % {"model": self.model._meta.verbose_name, "value": value}
            ) from None


class SlugListWidget(widgets.ManyToManyWidget):
    """Comma-separated slugs; an unknown one is an error instead of being silently dropped."""

    def clean(self, value, row=None, **kwargs):
        found = super().clean(value, row, **kwargs)
        wanted = {slug.strip() for slug in str(value or "").split(self.separator) if slug.strip()}
        missing = wanted - {getattr(obj, self.field) for obj in found}
        if missing:
            raise ValueError(
                _("There is no %(model)s “%(value)s”.")
                % {"model": self.model._meta.verbose_name, "value": ", ".join(sorted(missing))}
            )
        return found


class DemandResource(resources.ModelResource):
    """One row per demand; relations by slug, the owner by e-mail.

    The status is exported, never imported: it changes only through the ledger. So does
    the deadline of an existing demand, which needs a stated reason.
    """

    source = fields.Field(
        attribute="source",
        column_name="source",
        widget=SlugWidget(Source, field="slug"),
    )
    organisation = fields.Field(
        attribute="organisation",
        column_name="organisation",
        widget=SlugWidget(Organisation, field="slug"),
    )
    owner = fields.Field(
        attribute="owner",
        column_name="owner",
        widget=SlugWidget(User, field="email"),
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

    def import_instance(self, instance, row, **kwargs):
        user = kwargs.get("user")
        existing = instance.pk is not None
        if existing and user is not None and not can_edit(user, instance):
            raise ValidationError(
                {"organisation": _("You may not change the demands of another organisation.")}
            )
        deadline_before = instance.deadline
        super().import_instance(instance, row, **kwargs)
        # Many-to-many values are saved after validation; check them now, so that an
        # unknown slug stops the row before anything is written.
        for name in ("addressees", "themes"):
            try:
                self.fields[name].clean(row)
            except ValueError as error:
                raise ValidationError({name: str(error)}) from None
        if user is not None and not can_edit(user, instance):
            raise ValidationError(
                {"organisation": _("You may only import demands of your own organisation.")}
            )
        if existing and instance.deadline != deadline_before:
            raise ValidationError(
                {
                    "deadline": _(
                        "Change the deadline on the demand's page, with a reason: "
                        "it is recorded in the ledger."
                    )
                }
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
        if is_create:
            services.enter(instance, by=user, relations=relations, public_note=note)
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
            services.update(instance, {**values, **relations}, by=user, public_note=note)
        self.after_save_instance(instance, row, **kwargs)

    def save_m2m(self, instance, row, **kwargs):
        """Saved with the instance, through the ledger (``save_instance``)."""

    def export_field(self, field, instance, **kwargs):
        # Exported cells are text, never formulas: the same rule as the public CSV.
        return spreadsheet_safe(super().export_field(field, instance, **kwargs))
