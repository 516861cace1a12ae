"""Preparing a follow-up meeting: the briefing and the "who will be reminded" panel."""

import datetime
import zoneinfo
from pathlib import Path

import pytest
import time_machine
from django.contrib.staticfiles import finders
from django.db import connection
from django.templatetags.static import static
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ledger import services
from reminders import sending
from tests.factories import (
    DemandFactory,
    MeetingFactory,
    OrganisationFactory,
    StatementFactory,
    UserFactory,
    coordinator,
    editor,
)
from tracker.models import Meeting, Reminder, Response, Statement, Status
from workplace.briefing import briefing_for, reminder_plan

pytestmark = pytest.mark.django_db

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
NOW = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=AMSTERDAM)  # a Monday
TODAY = NOW.date()


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def agenda(clock, settings):
    settings.SITE_URL = "https://tracker.example.org"
    organisation = OrganisationFactory(slug="defence-for-children", name="Defence for Children")
    anna = editor(organisation=organisation, name="Anna Eigenaar", email="anna@example.org")
    bram = editor(organisation=organisation, name="Bram Eigenaar", email="bram@example.org")
    previous = MeetingFactory(
        title_nl="Rondetafel", starts_at=NOW - datetime.timedelta(days=10), reminder_days=""
    )
    meeting = MeetingFactory(
        title_nl="Vervolgoverleg", starts_at=NOW + datetime.timedelta(days=7), reminder_days="7,1"
    )
    overdue = DemandFactory(
        reference="WKA-2026-01", organisation=organisation, owner=anna, deadline=days(-1)
    )
    later = DemandFactory(
        reference="WKA-2026-02", organisation=organisation, owner=anna, deadline=days(30)
    )
    due = DemandFactory(
        reference="WKA-2026-03", organisation=organisation, owner=bram, deadline=days(3)
    )
    orphan = DemandFactory(
        reference="WKA-2026-04", organisation=organisation, owner=None, deadline=days(-5)
    )
    clock.move_to(NOW - datetime.timedelta(days=20))
    services.record_response(
        overdue,
        Response.ACCEPTED,
        by=anna,
        responded_on=days(-20),
        quote="Wij richten een taskforce op.",
    )
    clock.move_to(NOW - datetime.timedelta(days=2))
    services.record_status_change(
        overdue,
        Status.IN_PROGRESS,
        by=anna,
        public_note="De taskforce is begonnen.",
        internal_note="Bellen met de beleidsmedewerker.",
        evidence_url="https://www.tweedekamer.nl/kamerstukken/2026-1",
    )
    clock.move_to(NOW)
    promise = StatementFactory(
        reference="TZ-2026-01", title_nl="Taskforce overplaatsing", answers=[overdue, due]
    )
    aim = StatementFactory(
        reference="TZ-2026-02",
        kind=Statement.Kind.AIM,
        title_nl="Streven naar kleinere locaties",
        made_on=datetime.date(2025, 6, 1),
        answers=[overdue],
    )
    meeting.demands.set([overdue, later, due, orphan])
    return {
        "meeting": meeting,
        "previous": previous,
        "anna": anna,
        "bram": bram,
        "overdue": overdue,
        "later": later,
        "due": due,
        "orphan": orphan,
        "promise": promise,
        "aim": aim,
    }


def test_the_briefing_groups_the_agenda_by_owner_with_what_moved_and_what_was_said(agenda):
    briefing = briefing_for(agenda["meeting"], TODAY)

    assert briefing.previous_meeting == agenda["previous"]
    owners = [(g.owner, [i.demand.reference for i in g.items]) for g in briefing.groups]
    assert owners == [
        (agenda["anna"], ["WKA-2026-01", "WKA-2026-02"]),
        (agenda["bram"], ["WKA-2026-03"]),
        (None, ["WKA-2026-04"]),
    ]
    item = briefing.groups[0].items[0]
    assert (item.status_then, item.status_now, item.moved) == ("Open", "In uitvoering", True)
    assert item.demand.overdue
    assert [(s.reference, s.kind) for s in item.statements] == [
        ("TZ-2026-01", Statement.Kind.PROMISE),
        ("TZ-2026-02", Statement.Kind.AIM),
    ]
    assert item.public_note.public_note == "De taskforce is begonnen."
    assert item.internal_note.internal_note == "Bellen met de beleidsmedewerker."
    assert [e.evidence_url for e in item.evidence] == [
        "https://www.tweedekamer.nl/kamerstukken/2026-1"
    ]
    assert briefing.overdue_count == 2


def test_the_briefing_takes_the_same_number_of_queries_for_a_longer_agenda(agenda):
    def count():
        with CaptureQueriesContext(connection) as queries:
            briefing_for(agenda["meeting"], TODAY)
        return len(queries)

    few = count()
    more = DemandFactory.create_batch(8, owner=agenda["bram"], deadline=days(2))
    for demand in more:
        services.record_status_change(
            demand, Status.IN_PROGRESS, by=agenda["bram"], public_note="Begonnen."
        )
        StatementFactory(answers=[demand])
    agenda["meeting"].demands.add(*more)

    assert count() == few


def test_the_briefing_page_is_for_staff_with_a_role(client, agenda):
    url = reverse("admin:tracker_meeting_briefing", args=[agenda["meeting"].pk])
    client.force_login(agenda["anna"])
    page = client.get(url).content.decode()

    assert "Aanvaard" in page  # how the addressee answered
    # What government said, each statement by its nature.
    assert "Toezegging:" in page and "Streven of inspanning:" in page
    assert "Bellen met de beleidsmedewerker." in page
    assert "https://www.tweedekamer.nl/kamerstukken/2026-1" in page
    # Printable: its stylesheet (a file, as the CSP asks) has rules for paper.
    assert f'href="{static("css/briefing.css")}"' in page
    assert "@media print" in Path(finders.find("css/briefing.css")).read_text()
    assert "@example.org" not in page  # owners' e-mail addresses are for coordinators

    client.force_login(UserFactory(organisation=agenda["anna"].organisation))  # no role
    assert client.get(url).status_code == 403


def test_the_meeting_page_links_its_briefing(client, agenda):
    client.force_login(coordinator())

    page = client.get(
        reverse("admin:tracker_meeting_change", args=[agenda["meeting"].pk])
    ).content.decode()

    assert reverse("admin:tracker_meeting_briefing", args=[agenda["meeting"].pk]) in page


def test_the_reminder_plan_shows_who_gets_which_digest_on_each_day(agenda):
    plan = reminder_plan(agenda["meeting"], NOW)

    assert [(day.day, day.days_before, day.state) for day in plan.days] == [
        (days(0), 7, "next_sweep"),
        (days(6), 1, "coming"),
    ]
    for day in plan.days:
        digests = {d.owner.email: [x.reference for x in d.demands] for d in day.digests}
        # WKA-2026-02 falls due after the meeting: in Anna's digest all the same.
        assert digests == {
            "anna@example.org": ["WKA-2026-01", "WKA-2026-02"],
            "bram@example.org": ["WKA-2026-03"],
        }
    assert [missed.demand.reference for missed in plan.not_reminded] == ["WKA-2026-04"]


def test_the_plan_agrees_with_the_reminders_that_are_then_planned_and_sent(agenda, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    predicted = {d.owner.email for d in reminder_plan(agenda["meeting"], NOW).days[0].digests}

    sending.sweep(NOW)

    sent = Reminder.objects.filter(meeting=agenda["meeting"], state=Reminder.State.SENT)
    assert {r.recipient.email for r in sent} == predicted
    [today] = [day for day in reminder_plan(agenda["meeting"], NOW).days if day.day == TODAY]
    assert today.state == "written"
    assert {d.reminder.recipient.email for d in today.digests} == predicted


def test_the_digest_points_to_the_briefing(agenda, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from django.core import mail

    sending.sweep(NOW)

    url = "https://tracker.example.org" + reverse(
        "admin:tracker_meeting_briefing", args=[agenda["meeting"].pk]
    )
    digests = [m for m in mail.outbox if m.extra_headers["X-Reminder-Kind"] == "meeting_digest"]
    assert digests
    for message in digests:
        assert url in message.body
        assert url in message.alternatives[0][0]


def test_the_meeting_page_shows_who_will_be_reminded(client, agenda):
    client.force_login(coordinator())

    page = client.get(
        reverse("admin:tracker_meeting_change", args=[agenda["meeting"].pk])
    ).content.decode()

    assert "Wie wordt herinnerd" in page
    assert "anna@example.org" in page and "bram@example.org" in page
    assert "Gaat bij de volgende ronde uit" in page
    assert "WKA-2026-04" in page  # nobody can be reminded of it


def test_editors_see_who_will_be_reminded_without_e_mail_addresses(client, agenda):
    client.force_login(agenda["anna"])

    page = client.get(
        reverse("admin:tracker_meeting_change", args=[agenda["meeting"].pk])
    ).content.decode()

    assert "Bram Eigenaar" in page
    assert "bram@example.org" not in page


def test_a_meeting_whose_date_is_to_be_set_has_a_briefing_and_no_reminder_days(client, agenda):
    undated = Meeting.objects.create(
        slug="nog-te-plannen", title_nl="Nog te plannen", kind=Meeting.Kind.OTHER
    )
    undated.demands.set([agenda["overdue"], agenda["orphan"]])

    briefing = briefing_for(undated, TODAY)
    plan = reminder_plan(undated, NOW)

    assert briefing.previous_meeting == agenda["previous"]  # the latest that took place
    assert briefing.count == 2
    assert (plan.undated, plan.days) == (True, [])
    assert [missed.demand.reference for missed in plan.not_reminded] == ["WKA-2026-04"]
    client.force_login(coordinator())
    page = client.get(reverse("admin:tracker_meeting_change", args=[undated.pk])).content.decode()
    assert "zodra het een datum heeft" in page
    briefing_page = client.get(reverse("admin:tracker_meeting_briefing", args=[undated.pk]))
    assert "datum nog niet bekend" in briefing_page.content.decode()


def test_the_meeting_page_lists_each_item_nobody_will_be_reminded_of_and_why(client, agenda):
    meeting = agenda["meeting"]
    unmailable = UserFactory(
        organisation=agenda["anna"].organisation, name="Zonder Adres", email=""
    )
    silent = DemandFactory(reference="WKA-2026-05", owner=unmailable, deadline=None)
    closed = DemandFactory(reference="WKA-2026-06", owner=agenda["anna"], status=Status.ACHIEVED)
    meeting.demands.add(silent, closed)
    client.force_login(coordinator())

    page = client.get(reverse("admin:tracker_meeting_change", args=[meeting.pk])).content.decode()

    plan = reminder_plan(meeting, NOW)
    assert [(m.demand.reference, m.reason) for m in plan.not_reminded] == [
        ("WKA-2026-04", "er is geen eigenaar"),
        ("WKA-2026-05", "de eigenaar heeft geen e-mailadres"),
        ("WKA-2026-06", "afgesloten (Bereikt)"),
    ]
    assert "Op de agenda, maar niemand wordt hieraan herinnerd:" in page
    assert "de eigenaar heeft geen e-mailadres (Zonder Adres)" in page
    assert "afgesloten (Bereikt)" in page
