"""The seed data: the five source documents, transcribed into fixtures/seed.yaml.

The counts and facts below are checked against the documents in shared/seeds/ (see DOMAIN.md).
If the transcription changes, change them here on purpose.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import Organisation
from tracker.models import (
    Actor,
    Demand,
    Indicator,
    Measurement,
    Meeting,
    Source,
    Statement,
    Status,
    Theme,
)

pytestmark = pytest.mark.django_db

DEMANDS_PER_SOURCE = {
    "inspectie-rondetafel-2025-09-09": ("IJV-2025-", 5),
    "brief-werkgroep-2025-09-18": ("WKA-2025-", 21),
    "verslag-rondetafel-2025-08-28": ("RT-2025-", 3),
    "positionpaper-dci-2025-09-09": ("DCI-2025-", 28),
}
MODELS = (Organisation, Actor, Theme, Source, Indicator, Measurement, Demand, Statement, Meeting)

# What the PDF-to-text conversion left behind: "situa=e", "h#ps", "beze6ng", "blij`",
# "coali3e", "situaQe", "behoeRe", "lichUe", "Ac<epunt".
BROKEN = re.compile(r"[=#`<]|h#ps|[a-z]Q|Q[a-z]|[a-z][RU][a-z]|[a-z]3e\b|[a-z]6ng")


@pytest.fixture
def seeded():
    call_command("load_seed")


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_demands_per_source(seeded):
    for slug, (prefix, number) in DEMANDS_PER_SOURCE.items():
        demands = Demand.objects.filter(source__slug=slug)
        assert demands.count() == number, slug
        assert sorted(demands.values_list("reference", flat=True)) == [
            f"{prefix}{n:02d}" for n in range(1, number + 1)
        ]
    assert Demand.objects.count() == 57
    assert not Demand.objects.filter(source__slug="beleidsreactie-2023-05-25").exists()


def test_commitments_meetings_and_figures(seeded):
    assert Statement.objects.count() == 11
    assert Statement.objects.filter(source__slug="beleidsreactie-2023-05-25").count() == 10
    assert Statement.objects.filter(source__slug="verslag-rondetafel-2025-08-28").count() == 1
    assert Meeting.objects.count() == 4
    assert Indicator.objects.count() == 9
    assert Measurement.objects.count() == 11
    assert Source.objects.count() == 5
    assert Organisation.objects.filter(is_member=True).count() == 7
    assert not Organisation.objects.get(slug="werkgroep-kind-in-azc").is_member


def test_owning_organisation_and_state_of_every_item(seeded):
    for demand in Demand.objects.all():
        expected = (
            "defence-for-children"
            if demand.reference.startswith("DCI-")
            else "werkgroep-kind-in-azc"
        )
        assert demand.organisation.slug == expected, demand.reference
        assert demand.status == Status.OPEN
        assert demand.is_published and demand.owner is None
        assert demand.addressees.exists(), demand.reference
        assert demand.themes.exists(), demand.reference
        assert demand.quote and demand.quote_location, demand.reference
        assert len(demand.title_nl) <= 120, demand.reference
    for commitment in Statement.objects.all():
        assert commitment.status == Status.OPEN
        assert commitment.is_published and commitment.owner is None


def test_six_hundred_children_before_the_end_of_october_2025(seeded):
    demand = Demand.objects.get(reference="WKA-2025-02")
    assert demand.deadline == datetime.date(2025, 10, 31)
    assert demand.target_value == 600
    assert demand.target_unit == "kinderen"
    assert demand.priority == "high"
    assert demand.addressees.filter(slug="minister-asiel-migratie").exists()
    assert "vóór eind oktober 2025" in demand.quote
    # The children on the Silja are not among the 600: a demand of their own.
    silja = Demand.objects.get(reference="WKA-2025-03")
    assert silja.target_value == 450 and "Silja" in silja.quote


def test_support_until_23_and_group_size(seeded):
    demand = Demand.objects.get(reference="WKA-2025-20")
    assert demand.target_value == 23
    assert demand.target_unit == "jaar"
    assert set(demand.themes.values_list("slug", flat=True)) >= {"amv", "jongvolwassenen"}
    assert "tenminste 23 jaar" in demand.quote
    group_size = Demand.objects.get(reference="WKA-2025-19")
    assert group_size.quote.startswith("Beperk dringend de groepsgrootte in de amv-opvang.")


def test_ter_apel_back_to_55_unaccompanied_minors(seeded):
    commitment = Statement.objects.get(reference="TZ-2023-03")
    assert commitment.target_value == 55
    assert commitment.actor.slug == "staatssecretaris-jenv"
    assert commitment.source.slug == "beleidsreactie-2023-05-25"
    assert commitment.made_on == datetime.date(2023, 5, 25)
    assert "terug te dringen naar 55 amv" in commitment.quote
    assert list(commitment.answers.values_list("reference", flat=True)) == ["DCI-2025-03"]


def test_children_in_emergency_shelter(seeded):
    def value(slug, date):
        return Measurement.objects.get(indicator__slug=slug, date=date).value

    assert value("kinderen-noodopvang", datetime.date(2025, 9, 1)) == 7519
    assert value("kinderen-noodopvang", datetime.date(2025, 8, 1)) == 7270
    assert value("amv-noodopvang", datetime.date(2025, 9, 1)) == 2062
    assert value("coa-begroting", datetime.date(2026, 1, 1)) == Decimal("4.1")
    september = Measurement.objects.get(
        indicator__slug="kinderen-noodopvang", date=datetime.date(2025, 9, 1)
    )
    assert september.source.slug == "brief-werkgroep-2025-09-18"


def test_committee_debate_has_the_letters_demands(seeded):
    debate = Meeting.objects.get(slug="commissiedebat-2025-09-23")
    assert debate.kind == Meeting.Kind.COMMITTEE_DEBATE
    assert timezone.localtime(debate.starts_at).date() == datetime.date(2025, 9, 23)
    assert set(debate.demands.values_list("reference", flat=True)) == set(
        Demand.objects.filter(source__slug="brief-werkgroep-2025-09-18").values_list(
            "reference", flat=True
        )
    )
    assert debate.reminder_offsets() == [7, 1]


def test_parliamentary_roundtable_has_the_position_paper_and_the_inspectorate(seeded):
    roundtable = Meeting.objects.get(slug="rondetafel-tk-2025-09-09")
    assert roundtable.kind == Meeting.Kind.ROUNDTABLE
    assert timezone.localtime(roundtable.starts_at).date() == datetime.date(2025, 9, 9)
    sources = set(roundtable.demands.values_list("source__slug", flat=True))
    assert sources == {"positionpaper-dci-2025-09-09", "inspectie-rondetafel-2025-09-09"}
    assert roundtable.demands.count() == 28 + 5
    follow_up = Meeting.objects.get(slug="vervolgbijeenkomst-rondetafel-werkgroep")
    assert follow_up.kind == Meeting.Kind.COALITION_MEETING
    assert follow_up.demands.count() == 3


def test_quotes_are_clean_dutch(seeded):
    texts = [
        *Demand.objects.values_list("reference", "quote"),
        *Demand.objects.values_list("reference", "title_nl"),
        *Statement.objects.values_list("reference", "quote"),
    ]
    for reference, text in texts:
        assert "h#ps" not in text and "=" not in text and "#" not in text, reference
        assert not BROKEN.search(text), (reference, BROKEN.search(text).group())
    assert not any("http" in text for _, text in texts)


def test_loading_twice_changes_nothing_and_keeps_staff_edits(seeded):
    before = counts()
    Demand.objects.filter(reference="WKA-2025-04").update(title_nl="Taskforce (bewerkt)")

    call_command("load_seed")

    assert counts() == before
    assert Demand.objects.get(reference="WKA-2025-04").title_nl == "Taskforce (bewerkt)"
    assert Meeting.objects.get(slug="commissiedebat-2025-09-23").demands.count() == 21
