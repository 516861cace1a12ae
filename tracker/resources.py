"""CSV and XLSX import and export of demands (django-import-export)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from accounts.models import Organisation, User
from accounts.permissions import can_edit

from .models import Actor, Demand, Source, Theme


class DemandResource(resources.ModelResource):
    """One row per demand; relations by slug, the owner by e-mail.

    The status is exported, never imported: it changes only through the ledger. So does
    the deadline of an existing demand, which needs a stated reason.
    """

    source = fields.Field(
        attribute="source", column_name="source",
        widget=widgets.ForeignKeyWidget(Source, field="slug"),
    )
    organisation = fields.Field(
        attribute="organisation", column_name="organisation",
        widget=widgets.ForeignKeyWidget(Organisation, field="slug"),
    )
    owner = fields.Field(
        attribute="owner", column_name="owner",
        widget=widgets.ForeignKeyWidget(User, field="email"),
    )
    addressees = fields.Field(
        attribute="addressees", column_name="addressees",
        widget=widgets.ManyToManyWidget(Actor, field="slug", separator=","),
    )
    themes = fields.Field(
        attribute="themes", column_name="themes",
        widget=widgets.ManyToManyWidget(Theme, field="slug", separator=","),
    )
    status = fields.Field(attribute="status", column_name="status", readonly=True)

    class Meta:
        model = Demand
        import_id_fields = ["reference"]
        fields = [
            "reference", "title_nl", "title_en", "summary_nl", "summary_en", "quote",
            "quote_location", "source", "addressees", "themes", "organisation", "owner",
            "deadline", "target_value", "target_unit", "target_description_nl",
            "target_description_en", "priority", "is_published", "status",
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
        if user is not None and not can_edit(user, instance):
            raise ValidationError(
                {"organisation": _("You may only import demands of your own organisation.")}
            )
        if existing and instance.deadline != deadline_before:
            raise ValidationError(
                {"deadline": _("Change the deadline on the demand's page, with a reason: "
                               "it is recorded in the ledger.")}
            )
