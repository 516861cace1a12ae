"""The OpenAPI description of the API: what each operation answers and refuses, an example
for every one of them, and the links between operations (create, then read; read, then edit
with the ETag just read) that clients and the fuzzer follow.

The examples use the coalition's own data (``fixtures/seed.yaml``), so that they work as
written against ``make run``.
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_view,
)

from public_site import search
from public_site.filters import OVERDUE_SPELLINGS

from .serializers import (
    ActorSerializer,
    CheckpointSerializer,
    DeadlineEntryInput,
    DemandEditSerializer,
    DemandSerializer,
    DemandWriteSerializer,
    EntrySerializer,
    IndicatorSerializer,
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

SITE = "https://tracker.example.org"

ETAG = OpenApiParameter(
    "ETag",
    str,
    OpenApiParameter.HEADER,
    response=[200, 201],
    description=_(
        "The answer's version: send it back in If-None-Match (304 while unchanged) "
        "or, for a demand or statement, in If-Match to edit it."
    ),
)
IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    str,
    OpenApiParameter.HEADER,
    description=_("An ETag you hold: 304 without a body while it is current."),
)
LOCATION = OpenApiParameter(
    "Location", str, OpenApiParameter.HEADER, response=[201], description=_("What was made.")
)


def if_match(required: bool) -> OpenApiParameter:
    return OpenApiParameter(
        "If-Match",
        str,
        OpenApiParameter.HEADER,
        required=required,
        description=_(
            "The ETag of the item as you read it: the write is refused with 412 if it "
            "changed since."
        )
        if required
        else _("Optional here: the ETag of the item as you read it; 412 if it changed since."),
        examples=[OpenApiExample(_("As read"), value='"WKA-2025-01.v3.5f1c0e9a2b7d4c11"')],
    )


def path_example(name: str, value: str, kind=str) -> OpenApiParameter:
    return OpenApiParameter(
        name, kind, OpenApiParameter.PATH, examples=[OpenApiExample(value, value=value)]
    )


ERROR = OpenApiTypes.OBJECT
READ_ERRORS = {
    400: OpenApiResponse(ERROR, description=_("A URL with control characters.")),
    304: OpenApiResponse(description=_("Not modified: the ETag in If-None-Match is current.")),
    401: OpenApiResponse(ERROR, description=_("A token that is revoked, unknown or malformed.")),
    406: OpenApiResponse(ERROR, description=_("Ask for JSON.")),
    429: OpenApiResponse(ERROR, description=_("Too many requests: wait for Retry-After seconds.")),
}
LIST_ERRORS = {
    **READ_ERRORS,
    400: OpenApiResponse(
        ERROR,
        description=_(
            "A filter that is not valid, a message per field; or a URL with control characters."
        ),
    ),
    404: OpenApiResponse(ERROR, description=_("No such page.")),
}
DETAIL_ERRORS = {**READ_ERRORS, 404: OpenApiResponse(ERROR, description=_("Not found."))}
WRITE_ERRORS = {
    400: OpenApiResponse(
        ERROR,
        description=_(
            "Bad input, a message per field, or a URL with control characters; nothing written."
        ),
    ),
    401: OpenApiResponse(ERROR, description=_("Not signed in, or a token revoked or unknown.")),
    406: OpenApiResponse(ERROR, description=_("Ask for JSON.")),
    403: OpenApiResponse(ERROR, description=_("Not yours to change (role or organisation).")),
    404: OpenApiResponse(ERROR, description=_("Not found.")),
    415: OpenApiResponse(ERROR, description=_("Send JSON.")),
    429: READ_ERRORS[429],
}
EDIT_ERRORS = {
    **WRITE_ERRORS,
    412: OpenApiResponse(
        ERROR, description=_("The item changed since you read it; nothing written.")
    ),
    428: OpenApiResponse(ERROR, description=_("Send If-Match with the ETag you read.")),
}


def page(*results) -> dict:
    return {"count": len(results), "next": None, "previous": None, "results": list(results)}


DEMAND = {
    "reference": "WKA-2025-01",
    "api_url": f"{SITE}/api/v1/demands/WKA-2025-01/",
    "page_url": f"{SITE}/demands/WKA-2025-01/",
    "title_nl": "Maak duidelijk hoe en binnen welke termijn de noodopvang wordt afgebouwd",
    "title_en": "Make clear how and by when emergency shelter will be phased out",
    "quote": "Daarom roepen wij de minister op om duidelijk te maken hoe en binnen welke "
    "termijn de noodopvang wordt afgebouwd.",
    "quote_location": "p. 1",
    "summary_nl": "",
    "summary_en": "",
    "raised_by": "werkgroep-kind-in-azc",
    "adopted": False,
    "addressees": ["minister-asiel-migratie"],
    "themes": ["noodopvang-afbouw"],
    "source": "brief-werkgroep-2025-09-18",
    "organisation": "werkgroep-kind-in-azc",
    "deadline": None,
    "deadline_text": "",
    "target_qualifier": "exact",
    "target_value": None,
    "target_unit": "",
    "target_description_nl": "",
    "target_description_en": "",
    "status": "open",
    "overdue": False,
    "is_published": True,
    "version": 1,
    "updated_at": "2025-09-18T10:00:00+02:00",
    "response": "none",
    "responded_on": None,
    "duplicate_of": None,
    "overlaps": [],
}
STATEMENT = {
    "reference": "TZ-2023-01",
    "api_url": f"{SITE}/api/v1/statements/TZ-2023-01/",
    "page_url": f"{SITE}/statements/TZ-2023-01/",
    "title_nl": "Terug naar 55 amv in Ter Apel",
    "title_en": "Back to 55 unaccompanied minors at Ter Apel",
    "quote": "Het streven is om het aantal amv in Ter Apel terug te brengen naar 55.",
    "quote_location": "p. 3",
    "kind": "promise",
    "description_nl": "",
    "description_en": "",
    "actor": "staatssecretaris-jenv",
    "made_on": "2023-05-25",
    "made_on_precision": "day",
    "answers": ["WKA-2025-01"],
    "source": "beleidsreactie-2023-05-25",
    "organisation": "werkgroep-kind-in-azc",
    "deadline": None,
    "deadline_text": "",
    "target_qualifier": "at_most",
    "target_value": "55.00",
    "target_unit": "amv",
    "target_description_nl": "in Ter Apel",
    "target_description_en": "at Ter Apel",
    "status": "in_progress",
    "overdue": False,
    "is_published": True,
    "version": 2,
    "updated_at": "2025-09-23T16:00:00+02:00",
}
ENTRY = {
    "seq": 42,
    "format": 2,
    "recorded_at": "2025-09-23T14:02:11Z",
    "content_digest": "9f2c" + "0" * 60,
    "previous_hash": "51ab" + "0" * 60,
    "entry_hash": "c0de" + "0" * 60,
    "withheld": False,
    "preimage": {
        "format": 2,
        "seq": 42,
        "kind": "status",
        "subject": "demand:WKA-2025-01",
        "occurred_on": "2025-09-23",
        "recorded_at": "2025-09-23T14:02:11Z",
        "changes": {"status": ["open", "in_progress"]},
        "public_note": "The minister promised a plan in the committee debate.",
        "evidence_url": "https://www.tweedekamer.nl/debat_en_vergadering/commissievergaderingen",
        "source": None,
        "quote": "",
        "corrects": None,
        "private_digest": "77aa" + "0" * 60,
    },
}
WITHHELD = {
    "seq": 43,
    "format": 2,
    "recorded_at": "2025-09-24T08:00:00Z",
    "content_digest": "1b2b" + "0" * 60,
    "previous_hash": ENTRY["entry_hash"],
    "entry_hash": "d00d" + "0" * 60,
    "withheld": True,
}
NOTE = {
    "public_note": "The committee debate of 23 September 2025.",
    "evidence_url": "https://www.tweedekamer.nl/debat_en_vergadering/commissievergaderingen",
    "occurred_on": "2025-09-23",
}
NEW_DEMAND = {
    "reference": "WKA-2025-90",
    "title_nl": "Stel een taskforce in",
    "title_en": "Set up a taskforce",
    "quote": "Wij vragen het kabinet een taskforce in te stellen.",
    "source": "brief-werkgroep-2025-09-18",
    "addressees": ["minister-asiel-migratie"],
    "themes": ["noodopvang-afbouw"],
    "public_note": "Entered from the letter of 18 September 2025.",
}
NEW_STATEMENT = {
    "reference": "TZ-2025-90",
    "kind": "promise",
    "title_nl": "Plan voor de afbouw van de noodopvang",
    "quote": "Ik stuur de Kamer voor het einde van het jaar een plan.",
    "source": "brief-werkgroep-2025-09-18",
    "actor": "minister-asiel-migratie",
    "made_on": "2025-09-23",
    "answers": ["WKA-2025-01"],
    "public_note": "Promised in the committee debate.",
}
MEASUREMENT = {
    "date": "2025-10-01",
    "date_precision": "month",
    "value": "7400.00",
    "qualifier": "circa",
    "nature": "counted",
    "source": None,
    "note": "COA's monthly figures.",
}

NEW_ENTRY = PolymorphicProxySerializer(
    component_name="NewEntry",
    serializers={
        "status": StatusEntryInput,
        "deadline": DeadlineEntryInput,
        "response": ResponseEntryInput,
    },
    resource_type_field_name="kind",
)
NEW_STATEMENT_ENTRY = PolymorphicProxySerializer(
    component_name="NewStatementEntry",
    serializers={"status": StatusEntryInput, "deadline": DeadlineEntryInput},
    resource_type_field_name="kind",
)
ENTRY_EXAMPLES = [
    OpenApiExample(
        _("A new status"),
        value={"kind": "status", "status": "in_progress", **NOTE},
        request_only=True,
    ),
    OpenApiExample(
        _("A deadline moved"),
        value={
            "kind": "deadline",
            "deadline": "2026-03-31",
            "deadline_text": "voor het einde van het eerste kwartaal",
            **NOTE,
        },
        request_only=True,
    ),
    OpenApiExample(_("The entry written"), value=ENTRY, response_only=True, status_codes=["201"]),
]
RESPONSE_EXAMPLE = OpenApiExample(
    _("A response"),
    value={
        "kind": "response",
        "response": "partly_accepted",
        "responded_on": "2025-09-30",
        "quote": "Het kabinet neemt deze aanbeveling gedeeltelijk over.",
        "public_note": "The State Secretary's letter of 30 September 2025.",
    },
    request_only=True,
)


TEXTS = {
    "demand": {
        "list": _("List demands"),
        "list_example": _("Published demands"),
        "retrieve": _("Read one demand"),
        "one": _("A demand"),
        "create": _("Enter a new demand (staff)"),
        "new": _("A new demand"),
        "entered": _("The demand entered"),
        "partial_update": _("Edit a demand's own fields (staff)"),
        "now": _("The demand now"),
        "entries_list": _("A demand's ledger entries, oldest first"),
        "entries_create": _("Change a demand's status or deadline, or record a response (staff)"),
    },
    "statement": {
        "list": _("List government statements"),
        "list_example": _("Published statements"),
        "retrieve": _("Read one government statement"),
        "one": _("A statement"),
        "create": _("Enter a new government statement (staff)"),
        "new": _("A new statement"),
        "entered": _("The statement entered"),
        "partial_update": _("Edit a statement's own fields (staff)"),
        "now": _("The statement now"),
        "entries_list": _("A statement's ledger entries, oldest first"),
        "entries_create": _("Change a statement's status or deadline (staff)"),
    },
}


def tracked_item(kind: str, read, create, edit, new, entry_input, entry_examples, example, ref):
    """The schema of a demand or statement view set: reads, entering, editing, entries."""
    reference = path_example("reference", ref)
    text = TEXTS[kind]
    return extend_schema_view(
        list=extend_schema(
            summary=text["list"],
            parameters=[IF_NONE_MATCH, ETAG],
            responses={200: read(many=True), **LIST_ERRORS},
            examples=[OpenApiExample(text["list_example"], value=page(example))],
        ),
        retrieve=extend_schema(
            summary=text["retrieve"],
            parameters=[reference, IF_NONE_MATCH, ETAG],
            responses={200: read, **DETAIL_ERRORS},
            examples=[OpenApiExample(text["one"], value=example)],
        ),
        create=extend_schema(
            summary=text["create"],
            description=_(
                "Written to the ledger as its first entry. Status starts open; change it "
                "afterwards by posting an entry."
            ),
            request=create,
            parameters=[ETAG, LOCATION],
            responses={201: read, **WRITE_ERRORS},
            examples=[
                OpenApiExample(text["new"], value=new, request_only=True),
                OpenApiExample(
                    text["entered"], value=example, response_only=True, status_codes=["201"]
                ),
            ],
        ),
        partial_update=extend_schema(
            summary=text["partial_update"],
            description=_(
                "Needs If-Match with the ETag you read; the change is a revision entry in the "
                "ledger and needs a public note. Status, deadline and response change by "
                "posting an entry to entries/."
            ),
            request=edit,
            parameters=[reference, if_match(required=True), ETAG],
            responses={200: read, **EDIT_ERRORS},
            examples=[
                OpenApiExample(
                    _("A corrected English title"),
                    value={"title_en": example["title_en"], "public_note": "Translation fixed."},
                    request_only=True,
                ),
                OpenApiExample(text["now"], value=example, response_only=True),
            ],
        ),
        entries=[
            extend_schema(
                methods=["GET"],
                operation_id=f"{kind}s_entries_list",
                summary=text["entries_list"],
                parameters=[reference, IF_NONE_MATCH, ETAG],
                responses={200: EntrySerializer(many=True), **LIST_ERRORS},
                examples=[OpenApiExample(_("Its history"), value=page(ENTRY))],
            ),
            extend_schema(
                methods=["POST"],
                summary=text["entries_create"],
                description=_(
                    "The only way these change: one ledger entry, with the reason in the public "
                    "note. If-Match is optional here."
                ),
                request=entry_input,
                parameters=[reference, if_match(required=False), ETAG, LOCATION],
                responses={201: EntrySerializer, **EDIT_ERRORS},
                examples=entry_examples,
            ),
        ],
    )


demands = tracked_item(
    "demand",
    DemandSerializer,
    DemandWriteSerializer,
    DemandEditSerializer,
    NEW_DEMAND,
    NEW_ENTRY,
    [*ENTRY_EXAMPLES, RESPONSE_EXAMPLE],
    DEMAND,
    "WKA-2025-01",
)
statements = tracked_item(
    "statement",
    StatementSerializer,
    StatementWriteSerializer,
    StatementEditSerializer,
    NEW_STATEMENT,
    NEW_STATEMENT_ENTRY,
    ENTRY_EXAMPLES,
    STATEMENT,
    "TZ-2023-01",
)


def read_views(
    texts: tuple, serializer, lookup: str | None, example: dict, detail: str = ""
) -> dict:
    """The schema of a read-only list (and detail): ``texts`` is the list's summary, its
    example's name and, with a ``lookup``, the detail's summary."""
    views = {
        "list": extend_schema(
            summary=texts[0],
            parameters=[IF_NONE_MATCH, ETAG],
            responses={200: serializer(many=True), **LIST_ERRORS},
            examples=[OpenApiExample(texts[1], value=page(example))],
        )
    }
    if lookup:
        views["retrieve"] = extend_schema(
            summary=texts[2],
            parameters=[path_example(lookup, detail or example[lookup]), IF_NONE_MATCH, ETAG],
            responses={200: serializer, **DETAIL_ERRORS},
            examples=[OpenApiExample(_("One"), value=example)],
        )
    return views


def read_only(*args, **kwargs):
    return extend_schema_view(**read_views(*args, **kwargs))


responses = read_only(
    (_("List the responses of addressees to demands"), _("Responses")),
    ResponseEntrySerializer,
    None,
    {
        "seq": 57,
        "demand": "WKA-2025-01",
        "response": "partly_accepted",
        "responded_on": "2025-09-30",
        "occurred_on": "2025-09-30",
        "quote": "Het kabinet neemt deze aanbeveling gedeeltelijk over.",
        "source": None,
        "public_note": "The State Secretary's letter of 30 September 2025.",
        "evidence_url": "",
        "recorded_at": "2025-10-01T09:00:00+02:00",
        "entry_hash": "c0de" + "0" * 60,
    },
)
sources = read_only(
    (_("List sources"), _("Sources"), _("Read one source")),
    SourceSerializer,
    "slug",
    {
        "slug": "brief-werkgroep-2025-09-18",
        "title": "Brief aan de vaste commissie voor Asiel en Migratie",
        "kind": "letter",
        "author": "Werkgroep Kind in azc",
        "date": "2025-09-18",
        "url": "",
        "language": "nl",
        "summary_nl": "",
        "summary_en": "",
    },
)
actors = read_only(
    (_("List actors"), _("Actors"), _("Read one actor")),
    ActorSerializer,
    "slug",
    {
        "slug": "minister-asiel-migratie",
        "name_nl": "Minister voor Asiel en Migratie",
        "name_en": "Minister for Asylum and Migration",
        "kind": "minister",
    },
)
themes = read_only(
    (_("List themes"), _("Themes"), _("Read one theme")),
    ThemeSerializer,
    "slug",
    {
        "slug": "noodopvang-afbouw",
        "name_nl": "Afbouw noodopvang",
        "name_en": "Ending emergency shelter",
    },
)
meetings = read_only(
    (_("List meetings with their agendas"), _("Meetings"), _("Read one meeting")),
    MeetingSerializer,
    "slug",
    {
        "slug": "commissiedebat-2025-09-23",
        "api_url": f"{SITE}/api/v1/meetings/commissiedebat-2025-09-23/",
        "title_nl": "Commissiedebat vreemdelingen- en asielbeleid",
        "title_en": "Committee debate on asylum policy",
        "kind": "committee_debate",
        "date": "2025-09-23",
        "time": None,
        "all_day": True,
        "starts_at": "2025-09-23T00:00:00+02:00",
        "place": "Tweede Kamer",
        "url": "",
        "description_nl": "",
        "description_en": "",
        "source": "brief-werkgroep-2025-09-18",
        "agenda": ["WKA-2025-01", "WKA-2025-02"],
    },
)
INDICATOR = {
    "slug": "kinderen-noodopvang",
    "api_url": f"{SITE}/api/v1/indicators/kinderen-noodopvang/",
    "name_nl": "Kinderen in (crisis)noodopvang",
    "name_en": "Children in (crisis) emergency shelter",
    "unit_nl": "kinderen",
    "unit_en": "children",
    "description_nl": "",
    "description_en": "",
    "measurements": [
        {
            "date": "2025-09-01",
            "date_precision": "month",
            "value": "7519.00",
            "qualifier": "exact",
            "nature": "counted",
            "source": "brief-werkgroep-2025-09-18",
            "note": "",
        }
    ],
}
indicators = extend_schema_view(
    **read_views(
        (_("List indicators with their measurements"), _("Indicators"), _("Read one indicator")),
        IndicatorSerializer,
        "slug",
        INDICATOR,
    ),
    measurements=extend_schema(
        summary=_("Add a measurement (coordinators)"),
        parameters=[path_example("slug", "kinderen-noodopvang"), LOCATION],
        request=MeasurementSerializer,
        responses={201: MeasurementSerializer, **WRITE_ERRORS},
        examples=[OpenApiExample(_("A new figure"), value=MEASUREMENT)],
    ),
)
ledger_entries = extend_schema_view(
    **read_views(
        (_("List the ledger's entries, oldest first"), _("Entries"), _("Read one entry")),
        EntrySerializer,
        "seq",
        ENTRY,
        detail="1",
    ),
)
checkpoints = read_only(
    (_("List the signed checkpoints"), _("Checkpoints")),
    CheckpointSerializer,
    None,
    {
        "size": 43,
        "head_hash": WITHHELD["entry_hash"],
        "signed_at": "2025-09-24T08:00:01Z",
        "key_id": "3f6a0c1d2e4b5a69",
        "signature": "base64 Ed25519 signature",
    },
)
keys = read_only(
    (_("List the signing keys"), _("Keys")),
    SigningKeySerializer,
    None,
    {
        "key_id": "3f6a0c1d2e4b5a69",
        "public_key": "base64 of the 32-byte Ed25519 public key",
        "algorithm": "Ed25519",
        "created_at": "2025-09-01T00:00:00Z",
        "retired_at": None,
    },
)

# Links between operations: after entering an item, read it, edit it (with the ETag just
# given) or post an entry to it; after posting an entry, read it in the ledger.
ITEM_LINKS = {
    "{kind}s_create": {
        "201": {
            "Read{Kind}": ("{kind}s_retrieve", {"reference": "$response.body#/reference"}),
            "Edit{Kind}": (
                "{kind}s_partial_update",
                {
                    "reference": "$response.body#/reference",
                    "header.If-Match": "$response.header.ETag",
                },
            ),
            "PostEntry": ("{kind}s_entries_create", {"reference": "$response.body#/reference"}),
        }
    },
    "{kind}s_retrieve": {
        "200": {
            "Edit{Kind}": (
                "{kind}s_partial_update",
                {
                    "reference": "$request.path.reference",
                    "header.If-Match": "$response.header.ETag",
                },
            ),
            "ReadEntries": ("{kind}s_entries_list", {"reference": "$request.path.reference"}),
        }
    },
    "{kind}s_partial_update": {
        "200": {
            "Read{Kind}": ("{kind}s_retrieve", {"reference": "$request.path.reference"}),
        }
    },
    "{kind}s_entries_create": {
        "201": {
            "ReadEntry": ("ledger_entries_retrieve", {"seq": "$response.body#/seq"}),
            "Read{Kind}": ("{kind}s_retrieve", {"reference": "$request.path.reference"}),
        }
    },
}
OTHER_LINKS = {
    "indicators_measurements_create": {
        "201": {"ReadIndicator": ("indicators_retrieve", {"slug": "$request.path.slug"})}
    },
}


def _links() -> dict:
    links = dict(OTHER_LINKS)
    for kind in ("demand", "statement"):
        for operation, by_status in ITEM_LINKS.items():
            links[operation.format(kind=kind)] = {
                code: {
                    name.format(Kind=kind.capitalize()): (
                        target.format(kind=kind),
                        parameters,
                    )
                    for name, (target, parameters) in named.items()
                }
                for code, named in by_status.items()
            }
    return links


PAGING = {"page", "page_size"}


def _bounded_search(operation: dict) -> None:
    """The demand search's bounds (``public_site.search``), which the filter's form enforces
    with a 400."""
    for parameter in operation.get("parameters", []):
        if parameter["in"] == "query" and parameter["name"] == "q":
            parameter["schema"]["maxLength"] = search.MAX_LENGTH
            bounds = gettext(
                "At most %(length)d characters and %(terms)d words; every word must match."
            ) % {"length": search.MAX_LENGTH, "terms": search.MAX_TERMS}
            parameter["description"] = f"{parameter.get('description', '')}\n\n{bounds}"


def _empty_means_any(operation: dict) -> None:
    """A filter left empty does not filter (as in the public site's form, which sends
    ``status=`` for "any status"): say so in each filter's schema."""
    for parameter in operation.get("parameters", []):
        if parameter["in"] != "query" or parameter["name"] in PAGING:
            continue
        schema = parameter["schema"]
        if parameter["name"] == "overdue":
            # A query value is text: "true" and "false" (drf-spectacular takes them for
            # booleans), and what else people write for them in a hand-made URL.
            schema = {"type": "string", "enum": sorted({*schema["enum"], *OVERDUE_SPELLINGS})}
        parameter["schema"] = {"anyOf": [schema, {"const": ""}]}
        empty = gettext("Empty: any.")
        parameter["description"] = f"{parameter.get('description', '')}\n\n{empty}"


def add_links(result, generator, request, public):
    """drf-spectacular post-processing hook: OpenAPI links between the operations, and
    filters that an empty value leaves off."""
    links = _links()
    for path in result["paths"].values():
        for operation in path.values():
            _bounded_search(operation)
            _empty_means_any(operation)
            for code, named in links.get(operation.get("operationId"), {}).items():
                response = operation["responses"].get(code)
                if response is None:
                    continue
                response["links"] = {
                    name: {"operationId": target, "parameters": parameters}
                    for name, (target, parameters) in named.items()
                }
    return result
