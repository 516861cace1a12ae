"""The roles' permissions, kept in step with the groups after every ``migrate``."""

from django.contrib.auth.models import Group, Permission

from .models import Role

_READ_ALL = [
    f"tracker.view_{model}"
    for model in (
        "demand",
        "statement",
        "source",
        "actor",
        "theme",
        "meeting",
        "indicator",
        "measurement",
        "reminder",
    )
] + [f"ledger.view_{model}" for model in ("entry", "checkpoint", "signingkey")]
_VOCABULARIES = [
    f"tracker.{action}_{model}"
    for model in ("source", "actor", "theme", "meeting", "indicator", "measurement")
    for action in ("add", "change", "delete")
]

ROLE_PERMISSIONS: dict[Role, list[str]] = {
    Role.EDITOR: [
        *_READ_ALL,
        "tracker.add_demand",
        "tracker.change_demand",
        "tracker.add_statement",
        "tracker.change_statement",
        "accounts.view_organisation",
    ],
    Role.COORDINATOR: [
        *_READ_ALL,
        *_VOCABULARIES,
        # Nothing that entered the ledger is deleted: demands and statements are unpublished
        # or withdrawn instead.
        "tracker.add_demand",
        "tracker.change_demand",
        "tracker.add_statement",
        "tracker.change_statement",
        "tracker.edit_all_organisations",
        "accounts.view_organisation",
        "accounts.view_user",
        # Login protection: see failed and locked-out logins and unlock them; remove a
        # colleague's lost authenticator so that they can set up a new one.
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
        "axes.view_accessfailurelog",
        "axes.view_accesslog",
        "otp_totp.view_totpdevice",
        "otp_totp.delete_totpdevice",
        "otp_static.view_staticdevice",
        "otp_static.delete_staticdevice",
    ],
}


def sync_role_groups(**kwargs) -> None:
    """Create each role's group and give it exactly the permissions listed above."""
    for role, names in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role.value)
        wanted = []
        for name in names:
            app_label, codename = name.split(".")
            wanted.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(wanted)
