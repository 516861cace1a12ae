"""What the API reads and writes, in its own words: field names in English, values as the
ledger writes them (slugs, references, ISO dates, decimal strings), both languages' texts.

Serializers only translate. What may be seen is decided by the views' querysets
(``public_site.visible``, ``ledger.public``); every write goes through ``ledger.services`` in the
views. No serializer has a field for an internal note's reading, an author, an owner or an
e-mail address: those never leave the admin.
"""

from functools import cached_property

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Organisation
from ledger import checkpoints
from ledger.public import key_record, record
from public_site.addresses import STAND_IN, Addresses
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
)


def _format(text, **params) -> str:
    return str(text) % {name: str(value) for name, value in params.items()}


# Formatted when shown, in the language of the request, not once at import.
_message = lazy(_format, str)


def slugs(model, *, many=False, required=True, field="slug", **kwargs):
    """A relation written as its stable public key, with an error that names the key."""
    return serializers.SlugRelatedField(
        slug_field=field,
        queryset=model._default_manager.all(),
        many=many,
        required=required,
        error_messages={
            "does_not_exist": _message(
                _("There is no %(model)s “{value}”."), model=model._meta.verbose_name
            ),
            "invalid": _message(
                _("Give the %(model)s as its %(field)s."),
                model=model._meta.verbose_name,
                field=field,
            ),
        },
        **kwargs,
    )


# What a demand or a statement commits to, and by when: the same fields read and written.
DEADLINE_AND_TARGET = (
    "deadline",
    "deadline_text",
    "target_qualifier",
    "target_value",
    "target_unit",
    "target_description_nl",
    "target_description_en",
)


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = [
            "slug",
            "title",
            "kind",
            "author",
            "date",
            "url",
            "language",
            "summary_nl",
            "summary_en",
        ]


class ActorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Actor
        fields = ["slug", "name_nl", "name_en", "kind"]


class ThemeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Theme
        fields = ["slug", "name_nl", "name_en"]


class ItemAddress(serializers.HyperlinkedIdentityField):
    """The item's address in the API, as ``HyperlinkedIdentityField`` gives it, reversed once
    per answer (``public_site.addresses``): a serializer's fields serve one request."""

    def get_url(self, obj, view_name, request, format):
        if not hasattr(self, "addresses"):
            stand_in = {self.lookup_url_kwarg: STAND_IN}
            self.addresses = Addresses(
                self.reverse(view_name, kwargs=stand_in, request=request, format=format)
            )
        return self.addresses(getattr(obj, self.lookup_field))


class VisibleReferences(serializers.ListField):
    """References of related items the reader may see (prefetched into ``attribute``)."""

    child = serializers.CharField()

    def __init__(self, attribute: str, **kwargs):
        self.attribute_name = attribute
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, item):
        return [related.reference for related in getattr(item, self.attribute_name)]


class PrefetchedSlugs(serializers.ManyRelatedField):
    """The slugs of a many-to-many relation, read from the list it was prefetched into
    (``attribute``, a ``Prefetch`` with ``to_attr``). Prefetched into the relation's own
    manager, each row would cost a queryset of its own. Still the relation's field to the
    schema, which describes it as before."""

    def __init__(self, attribute: str, **kwargs):
        self.attribute_name = attribute
        child = serializers.SlugRelatedField(slug_field="slug", read_only=True)
        super().__init__(child_relation=child, read_only=True, **kwargs)

    def get_attribute(self, item):
        return getattr(item, self.attribute_name)


class TrackedItemSerializer(serializers.ModelSerializer):
    """What demands and statements share: read from querysets that annotate ``overdue``."""

    source = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    overdue = serializers.BooleanField(
        read_only=True, help_text=_("The deadline has passed and the status is not final.")
    )
    page_url = serializers.SerializerMethodField(
        help_text=_("Its page on the public site; empty while it is not published.")
    )

    def get_page_url(self, item) -> str | None:
        if not item.is_published:
            return None
        return self.page_addresses(item.reference)

    @cached_property
    def page_addresses(self) -> Addresses:
        # The model's own address, in the language of this request.
        page = self.Meta.model(reference=STAND_IN).get_absolute_url()
        return Addresses(self.context["request"].build_absolute_uri(page))

    SHARED = [
        "reference",
        "api_url",
        "page_url",
        "title_nl",
        "title_en",
        "quote",
        "quote_location",
        "source",
        "organisation",
        *DEADLINE_AND_TARGET,
        "status",
        "overdue",
        "is_published",
        "version",
        "updated_at",
    ]


class DemandSerializer(TrackedItemSerializer):
    api_url = ItemAddress(view_name="api:demand-detail", lookup_field="reference")
    raised_by = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    addressees = PrefetchedSlugs("addressee_list")
    themes = PrefetchedSlugs("theme_list")
    duplicate_of = serializers.SerializerMethodField(
        help_text=_("The reference of the same demand made earlier, if the reader may see it.")
    )
    overlaps = VisibleReferences("visible_overlaps")

    class Meta:
        model = Demand
        fields = [
            *TrackedItemSerializer.SHARED[:7],
            "summary_nl",
            "summary_en",
            "raised_by",
            "adopted",
            "addressees",
            "themes",
            *TrackedItemSerializer.SHARED[7:],
            "response",
            "responded_on",
            "duplicate_of",
            "overlaps",
        ]

    def get_duplicate_of(self, demand) -> str | None:
        primary = demand.duplicate_of
        if primary is None:
            return None
        if primary.is_published or self.context["request"].sees_unpublished:
            return primary.reference
        return None


class StatementSerializer(TrackedItemSerializer):
    api_url = ItemAddress(view_name="api:statement-detail", lookup_field="reference")
    actor = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    answers = VisibleReferences("visible_answers")

    class Meta:
        model = Statement
        fields = [
            *TrackedItemSerializer.SHARED[:7],
            "kind",
            "description_nl",
            "description_en",
            "actor",
            "made_on",
            "made_on_precision",
            "answers",
            *TrackedItemSerializer.SHARED[7:],
        ]


@extend_schema_field(
    {
        "type": "string",
        "pattern": r"^\d{2}:\d{2}:\d{2}(\.\d+)?$",
        "description": "Amsterdam time, e.g. 14:00:00; empty when no source gives one.",
    }
)
class LocalTimeField(serializers.TimeField):
    """A time of day in Amsterdam, without an offset: not an RFC 3339 "time"."""


class MeetingSerializer(serializers.ModelSerializer):
    api_url = ItemAddress(view_name="api:meeting-detail", lookup_field="slug")
    source = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    time = LocalTimeField(read_only=True, allow_null=True)
    all_day = serializers.BooleanField(
        source="is_all_day", read_only=True, help_text=_("A date without a time.")
    )
    starts_at = serializers.DateTimeField(
        read_only=True,
        allow_null=True,
        help_text=_("When it begins: its time in Amsterdam, or the start of its day."),
    )
    agenda = VisibleReferences(
        "agenda_items", help_text=_("The references of the demands on its agenda.")
    )

    class Meta:
        model = Meeting
        fields = [
            "slug",
            "api_url",
            "title_nl",
            "title_en",
            "kind",
            "date",
            "time",
            "all_day",
            "starts_at",
            "place",
            "url",
            "description_nl",
            "description_en",
            "source",
            "agenda",
        ]


class MeasurementSerializer(serializers.ModelSerializer):
    source = slugs(Source, required=False, allow_null=True)

    class Meta:
        model = Measurement
        fields = ["date", "date_precision", "value", "qualifier", "nature", "source", "note"]


class IndicatorSerializer(serializers.ModelSerializer):
    api_url = ItemAddress(view_name="api:indicator-detail", lookup_field="slug")
    measurements = MeasurementSerializer(many=True, read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "slug",
            "api_url",
            "name_nl",
            "name_en",
            "unit_nl",
            "unit_en",
            "description_nl",
            "description_en",
            "measurements",
        ]


class PreimageSerializer(serializers.Serializer):
    """What a visible entry says, exactly as its content digest covers it."""

    format = serializers.IntegerField()
    seq = serializers.IntegerField()
    kind = serializers.CharField()
    subject = serializers.CharField(help_text=_("E.g. demand:WKA-2025-03."))
    occurred_on = serializers.DateField(allow_null=True)
    recorded_at = serializers.CharField()
    changes = serializers.DictField(
        child=serializers.ListField(allow_null=True),
        help_text=_("Each field that changed, with its old and new value in the ledger's words."),
    )
    public_note = serializers.CharField()
    evidence_url = serializers.CharField()
    source = serializers.CharField(allow_null=True)
    quote = serializers.CharField()
    corrects = serializers.IntegerField(allow_null=True)
    private_digest = serializers.CharField()


class EntrySerializer(serializers.Serializer):
    """One ledger entry as the public ledger publishes it (``ledger.public.record``)."""

    seq = serializers.IntegerField()
    format = serializers.IntegerField()
    recorded_at = serializers.CharField()
    content_digest = serializers.CharField()
    previous_hash = serializers.CharField()
    entry_hash = serializers.CharField()
    withheld = serializers.BooleanField(
        help_text=_("Of an unpublished item: only its place in the chain is shown.")
    )
    preimage = PreimageSerializer(
        required=False, help_text=_("What the entry says; absent when withheld.")
    )

    def to_representation(self, entry):
        return record(entry)


class ResponseEntrySerializer(serializers.Serializer):
    """How an addressee answered a demand: a response entry of the ledger (or a correction
    of one)."""

    seq = serializers.IntegerField()
    demand = serializers.CharField(source="demand.reference")
    response = serializers.SerializerMethodField()
    responded_on = serializers.SerializerMethodField()
    occurred_on = serializers.DateField(allow_null=True)
    quote = serializers.CharField()
    source = serializers.SlugRelatedField(
        slug_field="slug", queryset=Source.objects.all(), allow_null=True
    )
    public_note = serializers.CharField()
    evidence_url = serializers.CharField()
    recorded_at = serializers.DateTimeField()
    entry_hash = serializers.CharField()

    @extend_schema_field(serializers.ChoiceField(choices=Response.choices))
    def get_response(self, entry) -> str:
        if "response" in entry.changes:
            return entry.changes["response"][1]
        return entry.confirmed  # The same answer, given again on a later day.

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_responded_on(self, entry) -> str | None:
        return (entry.changes.get("responded_on") or [None, None])[1]


class CheckpointSerializer(serializers.Serializer):
    size = serializers.IntegerField()
    head_hash = serializers.CharField()
    signed_at = serializers.CharField()
    key_id = serializers.CharField()
    signature = serializers.CharField()

    def to_representation(self, checkpoint):
        return checkpoints.as_dict(checkpoint)


class SigningKeySerializer(serializers.Serializer):
    key_id = serializers.CharField()
    public_key = serializers.CharField()
    algorithm = serializers.CharField()
    created_at = serializers.CharField()
    retired_at = serializers.CharField(allow_null=True)

    def to_representation(self, key):
        return key_record(key)


# Writes ------------------------------------------------------------------------------------


class LedgerNote(serializers.Serializer):
    """Why a change is made: recorded with it in the ledger."""

    public_note = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text=_("Shown to the public with the change: what happened and why."),
    )
    internal_note = serializers.CharField(
        required=False, allow_blank=True, help_text=_("Staff only: never shown to the public.")
    )
    evidence_url = serializers.URLField(required=False, allow_blank=True, max_length=500)
    occurred_on = serializers.DateField(
        required=False,
        allow_null=True,
        help_text=_(
            "The day it happened, e.g. the date of the letter; empty for today. Never after "
            "today (in the Netherlands' time zone): a later day is refused with a 400."
        ),
    )

    NOTE_FIELDS = ["public_note", "internal_note", "evidence_url", "occurred_on"]

    def to_internal_value(self, data):
        """Refuse a field this request cannot set, rather than ignore it: a script with a
        typo, or one that sets a status by editing, learns it at once."""
        if isinstance(data, dict):
            unknown = {name: self.refusal(name) for name in data if name not in self.fields}
            if unknown:
                raise serializers.ValidationError(unknown)
        return super().to_internal_value(data)

    def refusal(self, name: str) -> list[str]:
        if name in GUARDED:
            return [_("Change it by posting an entry to the item's entries/.")]
        if name == "reference":
            return [_("A reference never changes.")]
        return [_("Unknown field.")]


# Fields that change only by an entry posted to the item's ``entries/``.
GUARDED = ("status", "deadline", "response", "responded_on")


class DemandWriteSerializer(LedgerNote, serializers.ModelSerializer):
    """A new demand: what it says, and why it is entered."""

    source = slugs(Source)
    raised_by = slugs(Actor, required=False, allow_null=True)
    addressees = slugs(Actor, many=True, required=False)
    themes = slugs(Theme, many=True, required=False)
    organisation = slugs(Organisation, required=False, help_text=_("Yours when left out."))
    duplicate_of = slugs(Demand, field="reference", required=False, allow_null=True)

    class Meta:
        model = Demand
        fields = [
            "reference",
            "title_nl",
            "title_en",
            "summary_nl",
            "summary_en",
            "quote",
            "quote_location",
            "source",
            "raised_by",
            "adopted",
            "addressees",
            "themes",
            "organisation",
            *DEADLINE_AND_TARGET,
            "is_published",
            "duplicate_of",
            *LedgerNote.NOTE_FIELDS,
        ]


class DemandEditSerializer(DemandWriteSerializer):
    """A change of a demand's own fields; its status, deadline and response change by
    entries."""

    class Meta(DemandWriteSerializer.Meta):
        fields = [
            name
            for name in DemandWriteSerializer.Meta.fields
            if name not in ("reference", "deadline")
        ]


class StatementWriteSerializer(LedgerNote, serializers.ModelSerializer):
    """A new government statement: what it says, and why it is entered."""

    source = slugs(Source)
    actor = slugs(Actor)
    answers = slugs(Demand, field="reference", many=True, required=False)
    organisation = slugs(Organisation, required=False, help_text=_("Yours when left out."))

    class Meta:
        model = Statement
        fields = [
            "reference",
            "kind",
            "title_nl",
            "title_en",
            "description_nl",
            "description_en",
            "quote",
            "quote_location",
            "source",
            "actor",
            "made_on",
            "made_on_precision",
            "answers",
            "organisation",
            *DEADLINE_AND_TARGET,
            "is_published",
            *LedgerNote.NOTE_FIELDS,
        ]


class StatementEditSerializer(StatementWriteSerializer):
    class Meta(StatementWriteSerializer.Meta):
        fields = [
            name
            for name in StatementWriteSerializer.Meta.fields
            if name not in ("reference", "deadline")
        ]


class EvidenceFields(serializers.Serializer):
    source = slugs(
        Source,
        required=False,
        allow_null=True,
        help_text=_("The document that states it, e.g. the letter with the response."),
    )
    quote = serializers.CharField(
        required=False, allow_blank=True, help_text=_("The document's own words, verbatim.")
    )


class StatusEntryInput(EvidenceFields, LedgerNote):
    """A new status, with the reason in the public note (required)."""

    kind = serializers.ChoiceField(choices=[("status", _("Status changed"))])
    status = serializers.ChoiceField(choices=Status.choices)


class DeadlineEntryInput(EvidenceFields, LedgerNote):
    """A deadline set, moved, or paused (``null``), with the reason in the public note."""

    kind = serializers.ChoiceField(choices=[("deadline", _("Deadline changed"))])
    deadline = serializers.DateField(allow_null=True, help_text=_("Empty pauses the deadline."))
    deadline_text = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text=_("The source's own words for the time, e.g. “nog voor de zomer”."),
    )


class ResponseEntryInput(EvidenceFields, LedgerNote):
    """How the addressee answered the demand: when, in which document, in which words."""

    kind = serializers.ChoiceField(choices=[("response", _("Response recorded"))])
    response = serializers.ChoiceField(choices=Response.choices)
    responded_on = serializers.DateField(
        help_text=_(
            "The day the addressee answered, e.g. the date of its letter. Never after today "
            "(in the Netherlands' time zone): a later day is refused with a 400."
        )
    )
    occurred_on = None  # The day of the response is the day it happened.
