from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.models import Organisation, Role, User
from tracker.models import Demand, Statement

DEMO_PASSWORD = "demo-ledger-2025"
DEMO_USERS = [
    # email, name, organisation, role
    ("editor@example.org", "Demo Editor", "defence-for-children", Role.EDITOR),
    ("coordinator@example.org", "Demo Coordinator", "werkgroep-kind-in-azc", Role.COORDINATOR),
]


class Command(BaseCommand):
    help = (
        "Create one demo staff user per role and make them owners of their organisation's "
        "items. Refused unless DEMO_MODE is on (the embedded-default set-up only)."
    )

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError("Demo users are only for the embedded set-up (DEMO_MODE is off).")
        with transaction.atomic():
            for email, name, organisation_slug, role in DEMO_USERS:
                organisation = Organisation.objects.get(slug=organisation_slug)
                user, created = User.objects.get_or_create(
                    email=email,
                    defaults={"name": name, "organisation": organisation, "is_staff": True},
                )
                if created:
                    user.set_password(DEMO_PASSWORD)
                    user.save()
                user.set_role(role)
                for model in (Demand, Statement):
                    model.objects.filter(organisation=organisation, owner=None).update(owner=user)
        self.stdout.write(f"Demo logins (password for both: {DEMO_PASSWORD}):")
        for email, _name, organisation_slug, role in DEMO_USERS:
            self.stdout.write(f"  {role.label:<12} {email}  ({organisation_slug})")
