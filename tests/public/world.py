"""A seed-like world for the public pages: themes, addressees, sources, demands with a
history in the ledger, commitments, meetings and figures, at any number of demands."""

import datetime
from decimal import Decimal

import time_machine
from django.utils import timezone

from ledger import services as ledger
from tests.factories import (
    ActorFactory,
    MeetingFactory,
    OrganisationFactory,
    SourceFactory,
    StatementFactory,
    ThemeFactory,
    UserFactory,
)
from tracker.models import Demand, Indicator, Measurement, Response, Status

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
    world = {
        "organisation": organisation,
        "owner": owner,
        "themes": themes,
        "actors": actors,
        "sources": sources,
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
    upcoming.demands.set(demands[: max(3, demand_count // 2)])
    indicator = Indicator.objects.create(
        slug="kinderen-in-noodopvang",
        name_nl="Kinderen in (crisis)noodopvang",
        name_en="Children in (crisis) emergency shelter",
        unit_nl="kinderen",
        unit_en="children",
    )
    for day, value in [((2025, 6, 1), 6410), ((2025, 8, 1), 7270), ((2025, 9, 1), 7519)]:
        Measurement.objects.create(
            indicator=indicator, date=datetime.date(*day), value=value, source=sources[1]
        )
    world.update(
        demands=demands,
        past_meeting=past,
        upcoming_meeting=upcoming,
        indicator=indicator,
        commitment=commitment,
    )
    return world


def add_demands(world: dict, count: int) -> list[Demand]:
    """Add ``count`` published demands with addressees, themes and a history in the ledger."""
    first = Demand.objects.count() + 1
    organisation, owner = world["organisation"], world["owner"]
    sources, actors, themes = world["sources"], world["actors"], world["themes"]
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
                target_value=Decimal(600) if number % 4 == 0 else None,
                target_unit="kinderen",
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
                        quote="Het kabinet neemt dit over.",
                        **details,
                    )
                else:
                    ledger.record_status_change(demand, event, **details)
    for meeting in ("past_meeting", "upcoming_meeting"):
        if meeting in world:
            world[meeting].demands.add(*demands)
    return demands
