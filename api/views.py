"""The open-data API: thin views over ``public_site.visible``, ``ledger.public`` and
``ledger.services``.

Reads are open and show what is published (staff who may view unpublished items in the admin
see them here too). Every list has a fixed order and a fixed number of queries, and every read
answers ``If-None-Match`` from one query (``api.conditional``). Writes go through
``ledger.services``, the one door, with the rules of ``accounts.permissions``; nothing is
deleted.
"""

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.db.models.fields.json import KT
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action, api_view, permission_classes
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from accounts.permissions import refused_values, sees_unpublished
from ledger import services
from ledger.head import head_seq, the_head
from ledger.models import Checkpoint, Entry, SigningKey
from ledger.public import record
from public_site.caching import CHAIN, stamp
from public_site.filters import DemandFilter
from tracker.models import (
    Actor,
    Demand,
    Indicator,
    Measurement,
    Meeting,
    Source,
    Statement,
    Theme,
)

from . import conditional, schema
from .filters import EntryFilter, Filters, ResponseFilter, StatementFilter
from .permissions import CanAdd, CanEditItem, ReadOrStaffWrite
from .serializers import (
    ActorSerializer,
    CheckpointSerializer,
    DeadlineEntryInput,
    DemandEditSerializer,
    DemandSerializer,
    DemandWriteSerializer,
    EntrySerializer,
    IndicatorSerializer,
    LedgerNote,
    MeasurementSerializer,
    MeetingSerializer,
    ResponseEntryInput,
    ResponseEntrySerializer,
    SigningKeySerializer,
    SourceSerializer,
    StatementEditSerializer,
    StatementSerializer,
    StatementWriteSerializer,
    StatusEntryInput,
    ThemeSerializer,
)


def with_related(items, **shown):
    """``items`` with each related row named in ``shown`` selected in the same query, but
    only the fields of it that ``shown`` names: what the answer shows of it. Every field of
    the items themselves is read."""
    own = [field.name for field in items.model._meta.concrete_fields]
    related = [f"{relation}__{name}" for relation, names in shown.items() for name in names]
    return items.select_related(*shown).only(*own, *related)


def ledger_entries(entries):
    """``entries`` with what ``ledger.public.record`` shows of their item, source and
    correction."""
    subject = ["reference", "is_published"]
    return with_related(
        entries, demand=subject, statement=subject, source=["slug"], corrects=["seq"]
    ).order_by("seq")


class ConditionalReads:
    """ETags on lists and details, and 304 when the client's copy is current.

    ``etag_sources`` names the tables an answer is made of (``CHAIN`` for the ledger, which
    covers every demand and statement); ``published_model`` the model whose unpublished rows
    only some staff see."""

    etag_sources: list = []
    published_model = None

    @property
    def sees_unpublished(self) -> bool:
        return getattr(self.request, "sees_unpublished", False)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        model = self.published_model
        request.sees_unpublished = model is not None and sees_unpublished(request.user, model)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # The answer differs with who asks and in which language its errors are written.
        patch_vary_headers(response, ["Authorization", "Cookie", "Accept-Language"])
        key = getattr(request, "answer_cache_key", None)
        if key and isinstance(response, Response) and response.status_code == status.HTTP_200_OK:
            cache.set(key, response.render().content, settings.PUBLIC_CACHE_SECONDS)
        return response

    def conditional(self, request, current, respond):
        if conditional.matches(request, current):
            return conditional.not_modified(current)
        # An anonymous reader's answer is the same for every anonymous reader: kept under its
        # ETag, which names everything that shapes it, as the public pages are kept
        # (public_site.caching). Staff answers are never kept.
        if settings.PUBLIC_CACHE_SECONDS and not request.user.is_authenticated:
            key = "api:" + current
            stored = cache.get(key)
            if stored is not None:
                return HttpResponse(
                    stored, content_type="application/json", headers={"ETag": current}
                )
            request.answer_cache_key = key
        response = respond()
        if response.status_code == status.HTTP_200_OK:
            response["ETag"] = current
        return response

    def list(self, request, *args, **kwargs):
        current = conditional.etag(request, stamp(self.etag_sources))
        return self.conditional(
            request, current, lambda: super(ConditionalReads, self).list(request, *args, **kwargs)
        )


class ConditionalDetail(ConditionalReads):
    def retrieve(self, request, *args, **kwargs):
        current = conditional.etag(request, stamp(self.etag_sources))
        return self.conditional(
            request,
            current,
            lambda: super(ConditionalDetail, self).retrieve(request, *args, **kwargs),
        )


class ReadViewSet(ConditionalDetail, viewsets.ReadOnlyModelViewSet):
    permission_classes = [ReadOrStaffWrite]


def _messages(error) -> dict[str, list[str]]:
    renamed = {"to_status": "status"}
    return {renamed.get(field, field): messages for field, messages in error.message_dict.items()}


def through_the_ledger(function, *args, field: str, **kwargs):
    """Call a ``ledger.services`` function; its refusals become 400 (a message per field) or
    412 (the item changed since it was read). The service's transaction has then written
    nothing."""
    try:
        return function(*args, **kwargs)
    except services.StaleEdit as error:
        raise conditional.PreconditionFailed() from error
    except DjangoValidationError as error:
        detail = _messages(error) if hasattr(error, "error_dict") else {field: error.messages}
        raise ValidationError(detail) from error


def _notes(data: dict) -> dict:
    return {name: data.pop(name) for name in LedgerNote.NOTE_FIELDS if name in data}


def refuse_what_could_not_be_entered(user, values: dict) -> None:
    """403, with why, if ``user`` could not enter an item with ``values``."""
    refused = refused_values(user, values)
    if refused:
        raise PermissionDenied(" ".join(refused.values()))


class TrackedItemViewSet(ConditionalReads, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Demands and statements: read, entered, edited with ``If-Match``, and changed in status,
    deadline or response by posting a ledger entry to ``entries/``."""

    lookup_field = "reference"
    lookup_value_regex = "[^/]+"
    http_method_names = ["get", "head", "options", "post", "patch"]
    etag_sources = [CHAIN, Source, Actor, Theme]
    create_serializer = edit_serializer = None
    entry_inputs: dict = {}

    @property
    def published_model(self):
        return self.queryset.model

    @property
    def write_model(self):
        return self.queryset.model

    def get_permissions(self):
        rules = [ReadOrStaffWrite]
        if self.action == "create":
            rules.append(CanAdd)
        if self.action in ("partial_update", "entries"):
            rules.append(CanEditItem)
        return [rule() for rule in rules]

    def visible(self):
        items = self.queryset.model.objects.all()
        return items if self.sees_unpublished else items.published()

    def retrieve(self, request, *args, **kwargs):
        reference = kwargs["reference"]
        head = the_head().values("seq")
        row = (
            self.visible()
            .filter(reference=reference)
            .values_list("version", Subquery(head))
            .first()
        )
        if row is None:
            raise Http404
        current = conditional.item_etag(request, reference, *row)
        return self.conditional(
            request,
            current,
            lambda: super(ConditionalReads, self).retrieve(request, *args, **kwargs),
        )

    def _answer(self, item, status_code=status.HTTP_200_OK, headers=None) -> Response:
        """The item as read now, with its new ETag: the next edit's ``If-Match``. Whoever
        may change an item sees it, also when the change unpublished it."""
        self.request.sees_unpublished = True
        fresh = self.get_queryset().get(pk=item.pk)
        data = self.get_serializer(fresh).data
        tag = self._etag(fresh.reference, fresh.version)
        return Response(data, status=status_code, headers={"ETag": tag, **(headers or {})})

    def _etag(self, reference: str, version: int) -> str:
        """The item's ETag as its detail answers it now."""
        return conditional.item_etag(self.request, reference, version, head_seq())

    def create(self, request, *args, **kwargs):
        serializer = self.create_serializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        notes = _notes(data)
        model = self.queryset.model
        relations = {f.name: data.pop(f.name) for f in model._meta.many_to_many if f.name in data}
        organisation = data.setdefault("organisation", request.user.organisation)
        if organisation is None:
            raise ValidationError(
                {"organisation": [_("Name the organisation that follows it up.")]}
            )
        refuse_what_could_not_be_entered(request.user, data)
        item = model(**data)
        try:
            through_the_ledger(
                services.enter,
                item,
                by=request.user,
                relations=relations,
                field="reference",
                **notes,
            )
        except IntegrityError as error:  # Taken by a request that came in meanwhile.
            raise ValidationError({"reference": [_("This reference is already taken.")]}) from error
        location = request.build_absolute_uri(
            reverse(f"api:{model._meta.model_name}-detail", args=[item.reference])
        )
        return self._answer(item, status.HTTP_201_CREATED, {"Location": location})

    def partial_update(self, request, *args, **kwargs):
        item = self.get_object()
        serializer = self.edit_serializer(
            instance=item, data=request.data, partial=True, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        version = conditional.expected_version(request, item.reference, required=True)
        values = dict(serializer.validated_data)
        notes = _notes(values)
        # An edit may not make the item what its author could not have entered.
        refuse_what_could_not_be_entered(request.user, values)
        if values:
            through_the_ledger(
                services.update,
                item,
                values,
                by=request.user,
                expected_version=version,
                field="non_field_errors",
                **notes,
            )
        return self._answer(item)

    @action(detail=True, methods=["get", "post"], filter_backends=[])
    def entries(self, request, *args, **kwargs):
        if request.method in ("GET", "HEAD"):
            current = conditional.etag(request, stamp([CHAIN]))
            return self.conditional(request, current, self.list_entries)
        item = self.get_object()
        kind = request.data.get("kind") if isinstance(request.data, dict) else None
        if kind not in self.entry_inputs:
            raise ValidationError(
                {"kind": [_("Give one of: %(kinds)s.") % {"kinds": ", ".join(self.entry_inputs)}]}
            )
        entry_input = self.entry_inputs[kind](data=request.data)
        entry_input.is_valid(raise_exception=True)
        version = conditional.expected_version(request, item.reference, required=False)
        entry = self.record_entry(kind, item, dict(entry_input.validated_data), version)
        location = request.build_absolute_uri(reverse("api:entry-detail", args=[entry.seq]))
        version = type(item).objects.values_list("version", flat=True).get(pk=item.pk)
        return Response(
            record(entry),
            status=status.HTTP_201_CREATED,
            headers={"Location": location, "ETag": self._etag(item.reference, version)},
        )

    def list_entries(self):
        # Read as the item's detail is: visible to this reader, or 404.
        item = get_object_or_404(self.visible(), reference=self.kwargs["reference"])
        entries = ledger_entries(Entry.objects.filter(**{item._meta.model_name: item}))
        page = self.paginate_queryset(entries)
        return self.get_paginated_response(EntrySerializer(page, many=True).data)

    def record_entry(self, kind: str, item, data: dict, version: int | None) -> Entry:
        data.pop("kind")
        # Left out, the note is empty: the ledger's own rule then says whether it may be.
        data.setdefault("public_note", "")
        common = {"by": self.request.user, "expected_version": version}
        if kind == "status":
            return through_the_ledger(
                services.record_status_change,
                item,
                data.pop("status"),
                field="status",
                **common,
                **data,
            )
        if kind == "deadline":
            return through_the_ledger(
                services.record_deadline_change,
                item,
                data.pop("deadline"),
                field="deadline",
                **common,
                **data,
            )
        return through_the_ledger(
            services.record_response,
            item,
            data.pop("response"),
            field="response",
            **common,
            **data,
        )


@schema.demands
class DemandViewSet(TrackedItemViewSet):
    queryset = Demand.objects.all()
    serializer_class = DemandSerializer
    create_serializer = DemandWriteSerializer
    edit_serializer = DemandEditSerializer
    filter_backends = [Filters]
    filterset_class = DemandFilter
    entry_inputs = {
        "status": StatusEntryInput,
        "deadline": DeadlineEntryInput,
        "response": ResponseEntryInput,
    }

    def get_queryset(self):
        demands = with_related(
            self.visible().with_overdue(),
            source=["slug"],
            raised_by=["slug"],
            organisation=["slug"],
            duplicate_of=["reference", "is_published"],
        )
        return demands.prefetch_related(
            # Lists of what is shown, the slugs (see PrefetchedSlugs).
            Prefetch("addressees", queryset=Actor.objects.only("slug"), to_attr="addressee_list"),
            Prefetch("themes", queryset=Theme.objects.only("slug"), to_attr="theme_list"),
            Prefetch(
                "overlaps",
                queryset=self.visible().only("reference"),
                to_attr="visible_overlaps",
            ),
        ).order_by("reference")


@schema.statements
class StatementViewSet(TrackedItemViewSet):
    queryset = Statement.objects.all()
    serializer_class = StatementSerializer
    create_serializer = StatementWriteSerializer
    edit_serializer = StatementEditSerializer
    filter_backends = [Filters]
    filterset_class = StatementFilter
    entry_inputs = {"status": StatusEntryInput, "deadline": DeadlineEntryInput}

    def get_queryset(self):
        demands = Demand.objects.all() if self.sees_unpublished else Demand.objects.published()
        statements = with_related(
            self.visible().with_overdue(), source=["slug"], actor=["slug"], organisation=["slug"]
        )
        return statements.prefetch_related(
            Prefetch(
                "answers",
                queryset=demands.only("reference").order_by("reference"),
                to_attr="visible_answers",
            )
        ).order_by("reference")


@schema.responses
class ResponseViewSet(ConditionalReads, mixins.ListModelMixin, viewsets.GenericViewSet):
    """How addressees answered demands: the ledger's response entries (and corrections of
    them), oldest first."""

    permission_classes = [ReadOrStaffWrite]
    queryset = Entry.objects.all()
    serializer_class = ResponseEntrySerializer
    filter_backends = [Filters]
    filterset_class = ResponseFilter
    etag_sources = [CHAIN, Source]
    published_model = Demand

    def get_queryset(self):
        entries = Entry.objects.filter(demand__isnull=False).filter(
            Q(kind=Entry.Kind.RESPONSE) | Q(kind=Entry.Kind.CORRECTION, changes__has_key="response")
        )
        if not self.sees_unpublished:
            entries = entries.filter(demand__is_published=True)
        # A response recorded again on a later day with the same answer changes only its
        # day: the answer it confirms is the one the demand's previous response gave.
        previous = Entry.objects.filter(
            demand=OuterRef("demand"), seq__lt=OuterRef("seq"), changes__has_key="response"
        ).order_by("-seq")
        return (
            entries.annotate(
                confirmed=Subquery(previous.values(answer=KT("changes__response__1"))[:1])
            )
            .select_related("demand", "source")
            .order_by("seq")
        )


@schema.sources
class SourceViewSet(ReadViewSet):
    queryset = Source.objects.all()
    serializer_class = SourceSerializer
    lookup_field = "slug"
    etag_sources = [Source]
    published_model = Source

    def get_queryset(self):
        sources = Source.objects.all()
        if not self.sees_unpublished:
            sources = sources.filter(is_published=True)
        return sources.order_by("-date", "slug")


@schema.actors
class ActorViewSet(ReadViewSet):
    queryset = Actor.objects.order_by("slug")
    serializer_class = ActorSerializer
    lookup_field = "slug"
    etag_sources = [Actor]


@schema.themes
class ThemeViewSet(ReadViewSet):
    queryset = Theme.objects.order_by("slug")
    serializer_class = ThemeSerializer
    lookup_field = "slug"
    etag_sources = [Theme]


@schema.meetings
class MeetingViewSet(ReadViewSet):
    queryset = Meeting.objects.all()
    serializer_class = MeetingSerializer
    lookup_field = "slug"
    etag_sources = [CHAIN, Meeting, Meeting.demands.through, Source]
    published_model = Meeting

    def get_queryset(self):
        meetings = Meeting.objects.all()
        demands = Demand.objects.all()
        if not self.sees_unpublished:
            meetings, demands = meetings.published(), demands.published()
        agenda = demands.only("reference").order_by("reference")
        return (
            meetings.select_related("source")
            .prefetch_related(Prefetch("demands", queryset=agenda, to_attr="agenda_items"))
            .order_by(*Meeting._meta.ordering, "id")
        )


@schema.indicators
class IndicatorViewSet(ReadViewSet):
    queryset = Indicator.objects.all()
    serializer_class = IndicatorSerializer
    lookup_field = "slug"
    etag_sources = [Indicator, Measurement, Source]
    write_model = Measurement

    def get_queryset(self):
        measurements = Measurement.objects.select_related("source").order_by("date", "id")
        return Indicator.objects.prefetch_related(
            Prefetch("measurements", queryset=measurements)
        ).order_by("slug")

    def get_permissions(self):
        rules = [ReadOrStaffWrite] + ([CanAdd] if self.action == "measurements" else [])
        return [rule() for rule in rules]

    @action(detail=True, methods=["post"])
    def measurements(self, request, *args, **kwargs):
        indicator = get_object_or_404(Indicator, slug=kwargs["slug"])
        serializer = MeasurementSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        measurement = Measurement(indicator=indicator, **serializer.validated_data)
        taken = _("This indicator already has a figure for this date.")
        if Measurement.objects.filter(indicator=indicator, date=measurement.date).exists():
            raise ValidationError({"date": [taken]})
        try:
            measurement.clean()
        except DjangoValidationError as error:
            raise ValidationError(_messages(error)) from error
        try:
            with transaction.atomic():
                measurement.save()
        except IntegrityError as error:  # Added by a request that came in meanwhile.
            raise ValidationError({"date": [taken]}) from error
        location = request.build_absolute_uri(
            reverse("api:indicator-detail", args=[indicator.slug])
        )
        return Response(
            MeasurementSerializer(measurement).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": location},
        )


@schema.ledger_entries
class EntryViewSet(ReadViewSet):
    """The public ledger, oldest first: visible entries with what they say, withheld ones
    (of unpublished items) as their place in the chain only."""

    queryset = Entry.objects.all()
    serializer_class = EntrySerializer
    lookup_field = "seq"
    filter_backends = [Filters]
    filterset_class = EntryFilter
    etag_sources = [CHAIN]

    def get_queryset(self):
        return ledger_entries(Entry.objects.all())

    def get_object(self):
        if not str(self.kwargs["seq"]).isdigit():
            raise Http404
        return super().get_object()


@schema.checkpoints
class CheckpointViewSet(ConditionalReads, mixins.ListModelMixin, viewsets.GenericViewSet):
    permission_classes = [ReadOrStaffWrite]
    serializer_class = CheckpointSerializer
    queryset = Checkpoint.objects.order_by("size", "signed_at", "id")
    etag_sources = [Checkpoint]


@schema.keys
class SigningKeyViewSet(ConditionalReads, mixins.ListModelMixin, viewsets.GenericViewSet):
    permission_classes = [ReadOrStaffWrite]
    serializer_class = SigningKeySerializer
    queryset = SigningKey.objects.order_by("created_at", "id")
    etag_sources = [SigningKey]


class Documentation(SpectacularSwaggerSplitView):
    """Swagger UI under the site's CSP: the page loads its start-up script as a file (the
    "split" view; no inline script) and its styles from files (no inline style).

    The script carries a CSRF token for the "Try it out" writes of signed-in staff only:
    for anyone else it would set a cookie on a page that needs none.
    """

    template_name = "api/swagger_ui.html"
    # A page and its script, nothing else: OPTIONS would have no template to render.
    http_method_names = ["get", "head"]

    @extend_schema(exclude=True)  # a page about the API, not an operation of it
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if request.GET.get("script") is not None and not request.user.is_authenticated:
            # The view's data outranks the csrf context processor's lazy token.
            response.data["csrf_token"] = ""
        return response


@extend_schema(exclude=True)
@api_view(["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"])
@permission_classes([AllowAny])
def not_found(request, *args, **kwargs):
    raise NotFound()
