from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.models import Organisation, Role, User
from tracker.models import Demand, Statement

DEMO_PASSWORD = "demo-ledger-2025"
DEMO_USERS = [
    # email, name, organisation, role (None: staff without a role), what to try
    (
        "editor@example.org",
        "Demo Editor",
        "defence-for-children",
        Role.EDITOR,
        "edits Defence for Children's demands",
    ),
    (
        "other.editor@example.org",
        "Demo Editor Save the Children",
        "save-the-children",
        Role.EDITOR,
        "reads Defence for Children's demands, changes only Save the Children's",
    ),
    (
        "coordinator@example.org",
        "Demo Coordinator",
        "werkgroep-kind-in-azc",
        Role.COORDINATOR,
        "edits everything; gives roles to the coalition's staff (Users)",
    ),
    (
        "norole@example.org",
        "Demo Newcomer",
        "werkgroep-kind-in-azc",
        None,
        "staff without a role: sees nothing yet, and whom to ask",
    ),
]


class Command(BaseCommand):
    help = (
        "Create a demo login for each kind of staff (an editor, an editor of another "
        "organisation, a coordinator, staff without a role), make them owners of their "
        "organisation's items, and print the logins. Refused unless DEMO_MODE is on (the "
        "embedded-default set-up only)."
    )

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError("Demo users are only for the embedded set-up (DEMO_MODE is off).")
        with transaction.atomic():
            for email, name, organisation_slug, role, _try in DEMO_USERS:
                organisation = Organisation.objects.get(slug=organisation_slug)
                user, created = User.objects.get_or_create(
                    email=email,
                    defaults={"name": name, "organisation": organisation, "is_staff": True},
                )
                if created:
                    user.set_password(DEMO_PASSWORD)
                    user.save()
                if role is None:
                    # Staff without a role, until the demo coordinator gives them one (which
                    # a second run keeps).
                    continue
                user.set_role(role)
                for model in (Demand, Statement):
                    model.objects.filter(organisation=organisation, owner=None).update(owner=user)
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for line in demo_login_lines():
            self.stdout.write(line)
        self.stdout.write(
            "A superuser (users, organisations, every role): "
            ".venv/bin/python manage.py createsuperuser"
        )


def demo_login_lines() -> list[str]:
    """One line per demo login: its role, address, organisation and what to try with it
    (printed by ``setup_demo`` and by ``run_embedded`` when it starts)."""
    return [
        f"  {role.label if role else 'no role':<12} {email:<26} ({organisation}): {what}"
        for email, _name, organisation, role, what in DEMO_USERS
    ]
