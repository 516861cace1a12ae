"""A seed-like world for the public pages: themes, addressees, sources, demands with a
history in the ledger (responses with their document and words, status changes), who raised
them, a demand made again in another document and two that overlap, government statements of
every nature (one promise withdrawn), meetings dated, all-day and undated, and figures
counted, estimated and projected, at any number of demands."""

import datetime
from decimal import Decimal

import time_machine
from django.utils import timezone

from ledger import services as ledger
from tests.factories import (
    ActorFactory,
    DemandFactory,
    MeetingFactory,
    OrganisationFactory,
    SourceFactory,
    StatementFactory,
    ThemeFactory,
    UserFactory,
)
from tracker.models import (
    Actor,
    Demand,
    Indicator,
    Measurement,
    Meeting,
    Qualifier,
    Response,
    Source,
    Statement,
    Status,
)

PAST_MEETING_AT = datetime.datetime(2025, 9, 23, 14, 0, tzinfo=datetime.UTC)
TODAY = datetime.date(2025, 11, 20)
# What happened to each demand, in turn: how government answered, how far the work came.
PATHS = [
    [Response.NOTED],
    [Response.ACCEPTED, Status.IN_PROGRESS],
    [Response.ACCEPTED, Status.ACHIEVED],
    [Response.REJECTED, Status.NOT_ACHIEVED],
    [],
]


def build_world(demand_count: int) -> dict:
    """Create ``demand_count`` published demands and everything around them."""
    organisation = OrganisationFactory(slug="defence-for-children", name="Defence for Children")
    owner = UserFactory(
        organisation=organisation, name="Fenna Eigenaar", email="fenna.owner@example.org"
    )
    themes = [
        ThemeFactory(slug="noodopvang", name_nl="Noodopvang", name_en="Emergency shelter"),
        ThemeFactory(slug="onderwijs", name_nl="Onderwijs", name_en="Education"),
        ThemeFactory(
            slug="amv", name_nl="Alleenstaande minderjarigen", name_en="Unaccompanied minors"
        ),
    ]
    actors = [
        ActorFactory(
            slug="minister-av",
            name_nl="Minister voor Asiel en Migratie",
            name_en="Minister for Asylum and Migration",
        ),
        ActorFactory(slug="coa", name_nl="COA", name_en="COA"),
        ActorFactory(slug="gemeenten", name_nl="Gemeenten", name_en="Municipalities"),
    ]
    raisers = {
        "werkgroep": ActorFactory(
            slug="werkgroep-kind-in-azc",
            name_nl="Werkgroep Kind in azc",
            name_en="Werkgroep Kind in azc",
            kind=Actor.Kind.NGO,
        ),
        "inspectie": ActorFactory(
            slug="inspectie-jenv",
            name_nl="Inspectie Justitie en Veiligheid",
            name_en="Inspectorate of Justice and Security",
            kind=Actor.Kind.INSPECTORATE,
        ),
    }
    sources = [
        SourceFactory(
            slug="brief-werkgroep-2025",
            title="Brief aan de vaste commissie",
            url="https://example.org/brief.pdf",
            date=datetime.date(2025, 9, 18),
        ),
        SourceFactory(
            slug="position-paper-dci",
            title="Position paper Defence for Children",
            url="https://example.org/position-paper.pdf",
            date=datetime.date(2025, 9, 9),
        ),
    ]
    letter = SourceFactory(
        slug="kamerbrief-2025-09-20",
        title="Kamerbrief over de opvang van kinderen",
        kind=Source.Kind.PARLIAMENTARY_LETTER,
        author="Minister voor Asiel en Migratie",
        url="https://example.org/kamerbrief.pdf",
        date=datetime.date(2025, 9, 20),
    )
    world = {
        "organisation": organisation,
        "owner": owner,
        "themes": themes,
        "actors": actors,
        "raisers": raisers,
        "sources": sources,
        "letter": letter,
    }
    demands = add_demands(world, demand_count)
    commitment = StatementFactory(
        reference="TZ-2023-01",
        title_nl="Terug naar 55 amv in Ter Apel",
        title_en="Back to 55 unaccompanied minors at Ter Apel",
        source=sources[0],
        organisation=organisation,
        actor=actors[0],
        deadline=datetime.date(2025, 12, 31),
        answers=demands[:3],
    )
    world.update(demands=demands, commitment=commitment)
    add_related_demands(world)
    add_statements(world)
    past = MeetingFactory(
        slug="commissiedebat-2025-09-23",
        title_nl="Commissiedebat vreemdelingen- en asielbeleid",
        title_en="Committee debate on asylum policy",
        starts_at=PAST_MEETING_AT,
        kind="committee_debate",
        place="Tweede Kamer",
    )
    past.demands.set(demands)
    upcoming = MeetingFactory(
        slug="vervolgoverleg-2026",
        title_nl="Vervolgoverleg werkgroep",
        title_en="Coalition follow-up meeting",
        starts_at=timezone.now() + datetime.timedelta(days=12),
        place="Utrecht",
    )
    upcoming.demands.set([*demands[: max(3, demand_count // 2)], world["repeat"]])
    all_day = MeetingFactory(
        slug="rondetafel-2026",
        title_nl="Rondetafelgesprek kinderen in de opvang",
        title_en="Roundtable on children in reception",
        kind=Meeting.Kind.ROUNDTABLE,
        date=timezone.localdate() + datetime.timedelta(days=30),
        time=None,
    )
    undated = MeetingFactory(
        slug="vervolgoverleg-datum-onbekend",
        title_nl="Volgend vervolgoverleg",
        title_en="Next follow-up meeting",
        date=None,
        time=None,
        source=sources[0],
    )
    undated.demands.set(demands[:2])
    indicator = Indicator.objects.create(
        slug="kinderen-in-noodopvang",
        name_nl="Kinderen in (crisis)noodopvang",
        name_en="Children in (crisis) emergency shelter",
        unit_nl="kinderen",
        unit_en="children",
    )
    for day, value, nature, qualifier in [
        ((2025, 6, 1), 6400, Measurement.Nature.ESTIMATE, Qualifier.CIRCA),
        ((2025, 8, 1), 7270, Measurement.Nature.COUNTED, Qualifier.EXACT),
        ((2025, 9, 1), 7519, Measurement.Nature.COUNTED, Qualifier.EXACT),
        ((2026, 6, 1), 9000, Measurement.Nature.PROJECTION, Qualifier.CIRCA),
    ]:
        Measurement.objects.create(
            indicator=indicator,
            date=datetime.date(*day),
            value=value,
            nature=nature,
            qualifier=qualifier,
            source=sources[1],
        )
    budget = Indicator.objects.create(
        slug="coa-begroting",
        name_nl="Begroting COA",
        name_en="COA budget",
        unit_nl="miljoen euro",
        unit_en="million euros",
    )
    for year, value in [(2026, 4200), (2030, 3100)]:
        Measurement.objects.create(
            indicator=budget,
            date=datetime.date(year, 1, 1),
            date_precision="year",
            value=value,
            nature=Measurement.Nature.PLAN,
            source=sources[0],
        )
    world.update(
        past_meeting=past,
        upcoming_meeting=upcoming,
        all_day_meeting=all_day,
        undated_meeting=undated,
        indicator=indicator,
        budget=budget,
    )
    return world


def add_related_demands(world: dict) -> None:
    """A demand made again in another document (counted once, under the first) and two
    demands that overlap."""
    demands = world["demands"]
    with time_machine.travel(datetime.datetime(2025, 9, 1, 9, 0, tzinfo=datetime.UTC)):
        repeat = DemandFactory(
            reference="DCI-2025-01",
            title_nl="Kinderen uit de crisisnoodopvang (position paper)",
            title_en="Children out of crisis emergency shelter (position paper)",
            quote="Zorg dat kinderen niet langer in de crisisnoodopvang verblijven.",
            source=world["sources"][0],
            organisation=world["organisation"],
            raised_by=world["raisers"]["werkgroep"],
            duplicate_of=demands[0],
            addressees=[world["actors"][0]],
            themes=[world["themes"][0]],
        )
    # Were it counted, it would add an "in progress" and a "rejected" to every figure.
    with time_machine.travel(PAST_MEETING_AT + datetime.timedelta(days=2)):
        ledger.record_response(
            repeat,
            Response.REJECTED,
            by=world["owner"],
            responded_on=timezone.localdate(),
            source=world["letter"],
            quote="Het kabinet ziet geen aanleiding.",
        )
        ledger.record_status_change(
            repeat, Status.IN_PROGRESS, by=world["owner"], public_note="Er wordt aan gewerkt."
        )
    ledger.update(demands[1], {"overlaps": [demands[2]]}, by=world["owner"])
    world["repeat"] = repeat


def add_statements(world: dict) -> None:
    """Government statements of every nature, beside the world's promise: a promise withdrawn
    in a later document, a promise with a time but no date, an aim and a decision."""
    demands, organisation = world["demands"], world["organisation"]
    minister = world["actors"][0]
    common = {"organisation": organisation, "actor": minister, "source": world["sources"][0]}
    withdrawn = StatementFactory(
        reference="TZ-2023-02",
        title_nl="Stabiele financiering van het COA",
        title_en="Stable funding for COA",
        quote="Het kabinet zorgt voor stabiele financiering van het COA.",
        answers=[demands[3]],
        **common,
    )
    with time_machine.travel(datetime.datetime(2025, 9, 20, 9, 0, tzinfo=datetime.UTC)):
        ledger.record_status_change(
            withdrawn,
            Status.WITHDRAWN,
            by=world["owner"],
            public_note="De toezegging is ingetrokken.",
            occurred_on=world["letter"].date,
            source=world["letter"],
            quote="Van structurele financiering wordt afgezien.",
        )
    undated_promise = StatementFactory(
        reference="TZ-2023-03",
        title_nl="Onderwijs binnen drie maanden",
        title_en="School within three months",
        deadline_text="nog voor de zomer",
        answers=[demands[4]],
        **common,
    )
    aim = StatementFactory(
        reference="TZ-2025-04",
        kind=Statement.Kind.AIM,
        title_nl="Streven naar kleinschalige opvang voor amv",
        title_en="Aim for small-scale reception of unaccompanied minors",
        made_on=datetime.date(2025, 9, 1),
        made_on_precision="month",
        answers=[demands[2]],
        **common,
    )
    decision = StatementFactory(
        reference="TZ-2025-05",
        kind=Statement.Kind.DECISION,
        title_nl="Geen structurele financiering van de opvang",
        title_en="No structural funding for reception",
        made_on=datetime.date(2025, 9, 16),
        answers=[demands[3]],
        **common,
    )
    world.update(
        withdrawn_promise=withdrawn, undated_promise=undated_promise, aim=aim, decision=decision
    )


def add_demands(world: dict, count: int) -> list[Demand]:
    """Add ``count`` published demands with addressees, themes and a history in the ledger."""
    first = Demand.objects.count() + 1
    organisation, owner = world["organisation"], world["owner"]
    sources, actors, themes = world["sources"], world["actors"], world["themes"]
    raisers = world["raisers"]
    with time_machine.travel(datetime.datetime(2025, 9, 1, 9, 0, tzinfo=datetime.UTC)):
        demands = [
            Demand(
                reference=f"WKA-2025-{number:02d}",
                title_nl=f"Kinderen uit de crisisnoodopvang, eis {number}",
                title_en=f"Children out of crisis emergency shelter, demand {number}",
                summary_nl="Verplaats alle kinderen naar een passende plek.",
                summary_en="Move all children to suitable places.",
                quote="Wij vragen het kabinet om de ongeveer 600 kinderen voor eind oktober "
                "over te plaatsen.",
                quote_location="p. 2",
                source=sources[number % 2],
                organisation=organisation,
                owner=owner,
                deadline=datetime.date(2025, 10, 31) if number % 3 else None,
                deadline_text="" if number % 3 else "nog voor de zomer",
                target_qualifier=Qualifier.CIRCA,
                target_value=Decimal(600) if number % 4 == 0 else None,
                target_unit="kinderen",
                # The unit again in the description: shown once all the same.
                target_description_nl="kinderen verplaatst" if number % 4 == 0 else "",
                target_description_en="children moved" if number % 4 == 0 else "",
                raised_by=raisers["inspectie"] if number % 5 == 0 else raisers["werkgroep"],
                adopted=number % 5 == 0,
            )
            for number in range(first, first + count)
        ]
        numbers = range(first, first + count)
        ledger.enter_many(
            demands,
            relations={
                "addressees": [[actors[number % 3]] for number in numbers],
                "themes": [themes[: 1 + number % 2] for number in numbers],
            },
        )
    for number, demand in enumerate(demands, first):
        for step, event in enumerate(PATHS[(number - 1) % len(PATHS)]):
            moment = PAST_MEETING_AT + datetime.timedelta(days=-5 + 10 * step)
            details = {
                "by": owner,
                "public_note": f"Kamerbrief van {moment:%d-%m-%Y}.",
                "evidence_url": "https://www.tweedekamer.nl/kamerstukken/brief",
            }
            with time_machine.travel(moment):
                if isinstance(event, Response):
                    ledger.record_response(
                        demand,
                        event,
                        responded_on=timezone.localdate(),
                        source=world["letter"],
                        quote="Het kabinet neemt dit over.",
                        **details,
                    )
                else:
                    ledger.record_status_change(demand, event, **details)
    for meeting in ("past_meeting", "upcoming_meeting"):
        if meeting in world:
            world[meeting].demands.add(*demands)
    return demands
