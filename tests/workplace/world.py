"""The staff's world for the admin tests: two organisations, one user per kind of staff,
and one of every record the admin shows, each owned by the first organisation."""

import datetime
from decimal import Decimal

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor
from accounts.models import ApiToken, User
from ledger import services
from tests.factories import (
    ActorFactory,
    DemandFactory,
    MeetingFactory,
    OrganisationFactory,
    SourceFactory,
    StatementFactory,
    ThemeFactory,
    UserFactory,
    coordinator,
    editor,
)
from tracker.models import Indicator, Measurement, Reminder, Status

ROLES = ["superuser", "coordinator", "owning_editor", "other_editor", "no_role"]


def build_staff_world() -> dict:
    owning = OrganisationFactory(slug="defence-for-children", name="Defence for Children")
    other = OrganisationFactory(slug="save-the-children", name="Save the Children")
    coalition = OrganisationFactory(slug="werkgroep-kind-in-azc", name="Werkgroep Kind in azc")
    users = {
        "superuser": User.objects.create_superuser("root@example.org", "secret-pass-123"),
        "coordinator": coordinator(organisation=coalition, email="coordinator@example.org"),
        "owning_editor": editor(organisation=owning, email="editor@example.org"),
        "other_editor": editor(organisation=other, email="other.editor@example.org"),
        "no_role": UserFactory(organisation=owning, email="no.role@example.org"),
    }
    source = SourceFactory(slug="brief-werkgroep-2025", url="https://example.org/brief.pdf")
    actor = ActorFactory(slug="coa", name_nl="COA")
    theme = ThemeFactory(slug="noodopvang", name_nl="Noodopvang")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    demand = DemandFactory(
        reference="WKA-2025-02",
        title_nl="Kinderen uit de crisisnoodopvang",
        organisation=owning,
        owner=users["owning_editor"],
        source=source,
        deadline=yesterday,
        addressees=[actor],
        themes=[theme],
    )
    entry = services.record_status_change(
        demand,
        Status.IN_PROGRESS,
        by=users["owning_editor"],
        public_note="De minister reageerde in een Kamerbrief.",
        internal_note="Navragen bij het ministerie.",
        evidence_url="https://www.tweedekamer.nl/kamerstukken/1",
    )
    statement = StatementFactory(
        reference="TZ-2023-01", organisation=owning, actor=actor, source=source, answers=[demand]
    )
    meeting = MeetingFactory(slug="vervolgoverleg", source=source)
    meeting.demands.set([demand])
    indicator = Indicator.objects.create(slug="kinderen-noodopvang", name_nl="Kinderen in NO")
    Measurement.objects.create(
        indicator=indicator, date=datetime.date(2025, 9, 1), value=Decimal("7519")
    )
    reminder = Reminder.objects.create(
        key="meeting_digest:test",
        recipient=users["owning_editor"],
        kind=Reminder.Kind.MEETING_DIGEST,
        meeting=meeting,
        period=timezone.localdate(),
        message_id="<reminder.test@example.org>",
    )
    # What login protection records (django-axes), and a colleague's two-step login: the
    # coordinators' pages about them. (The walking users log in without a code: none of
    # them has a device.)
    login = {"ip_address": "192.0.2.1", "user_agent": "Firefox", "path_info": "/admin/login/"}
    # (Not a walking user's name: a successful login clears that name's attempts.)
    AccessAttempt.objects.create(
        username="former.colleague@example.org",
        failures_since_start=2,
        get_data="",
        post_data="",
        http_accept="*/*",
        **login,
    )
    AccessFailureLog.objects.create(username="former.colleague@example.org", **login)
    AccessLog.objects.create(username="editor@example.org", **login)
    colleague = UserFactory(organisation=other, email="two.step@example.org")
    TOTPDevice.objects.create(user=colleague, name=two_factor.APP_DEVICE_NAME, confirmed=True)
    two_factor.new_recovery_codes(colleague)
    # A colleague's API token: only superusers see tokens in the admin, and revoke them.
    ApiToken.issue(colleague, "script na debatten")
    return {
        "owning": owning,
        "other": other,
        "users": users,
        "demand": demand,
        "entry": entry,
        "statement": statement,
        "meeting": meeting,
        "indicator": indicator,
        "reminder": reminder,
        "source": source,
        "two_step_colleague": colleague,
    }
