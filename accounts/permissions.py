"""Who may change what: the one place the admin, the API and the tests ask, and the one
place that explains a refusal in words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Model, QuerySet
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Role, User
from .roles import ROLE_PERMISSIONS

if TYPE_CHECKING:  # accounts sits below tracker: a type, not an import.
    from tracker.models import TrackedItem

EDIT_ALL = "tracker.edit_all_organisations"
VIEW_STAFF = "accounts.view_user"


def can_edit_all(user) -> bool:
    return user.is_active and user.has_perm(EDIT_ALL)


def can_edit(user, item: TrackedItem) -> bool:
    """An editor changes the items of their own organisation; a coordinator, every item.

    Changing an item's status or deadline is editing it.
    """
    if not (user.is_active and user.is_staff):
        return False
    model = item._meta.model_name
    if not user.has_perm(f"tracker.change_{model}"):
        return False
    return can_edit_all(user) or (
        user.organisation_id is not None and item.organisation_id == user.organisation_id
    )


def can_add(user, model) -> bool:
    """Whether ``user`` may enter a new ``model`` (demand, statement, measurement): the
    model permission the admin's add button asks for, for active staff."""
    meta = model._meta
    return (
        user.is_active
        and user.is_staff
        and user.has_perm(f"{meta.app_label}.add_{meta.model_name}")
    )


def sees_unpublished(user, model) -> bool:
    """Whether ``user`` reads unpublished ``model`` rows, as the admin's lists show them to
    staff who may view them. Everyone else reads only what is published."""
    meta = model._meta
    return (
        user.is_active
        and user.is_staff
        and user.has_perm(f"{meta.app_label}.view_{meta.model_name}")
    )


def editable(user, items: QuerySet) -> QuerySet:
    """The items of ``items`` that ``user`` may change."""
    model = items.model._meta.model_name
    if not (user.is_active and user.is_staff and user.has_perm(f"tracker.change_{model}")):
        return items.none()
    if can_edit_all(user):
        return items
    return items.filter(organisation_id=user.organisation_id)


def allowed_organisations(user, organisations: QuerySet) -> QuerySet:
    """The organisations ``user`` may give an item to."""
    if can_edit_all(user):
        return organisations
    return organisations.filter(pk=user.organisation_id)


def allowed_owners(user, users: QuerySet) -> QuerySet:
    """The staff ``user`` may make an item's owner: anyone for a coordinator, who may look
    up all staff; an editor's active colleagues of their organisation."""
    if can_see_staff_emails(user):
        return users
    return users.filter(organisation_id=user.organisation_id, is_active=True, is_staff=True)


def refused_values(user, values: dict) -> dict[str, str]:
    """Of ``values`` (field name to value) for a demand or statement, entered or edited,
    those ``user`` could not enter one with, each with why: an item's first values and
    every later change of them answer to the same rule as the admin's choices.
    """
    refused = {}
    organisation = values.get("organisation")
    if organisation is not None:
        given = type(organisation).objects.filter(pk=organisation.pk)
        if not allowed_organisations(user, given).exists():
            refused["organisation"] = _(
                "Only a coordinator gives an item to an organisation other than yours."
            )
    owner = values.get("owner")
    if owner is not None:
        if not allowed_owners(user, type(owner).objects.filter(pk=owner.pk)).exists():
            refused["owner"] = _(
                "Only a coordinator makes someone outside your organisation an item's owner."
            )
    return refused


def can_export(user) -> bool:
    """Exports follow the rules of viewing: staff who may read the demands in the admin.

    A staff account without a role reads nothing, so it exports nothing.
    """
    return user.is_active and user.is_staff and user.has_perm("tracker.view_demand")


def can_see_staff_emails(user) -> bool:
    """Staff e-mail addresses (e.g. owners' in an export): for whoever may look up staff,
    the coordinators."""
    return user.is_active and user.is_staff and user.has_perm(VIEW_STAFF)


def roles_that_may(permission: str) -> list[str]:
    """The names of the roles that hold ``permission`` (``app_label.codename``)."""
    return [
        str(role.label).lower() for role, names in ROLE_PERMISSIONS.items() if permission in names
    ]


def roles_given_by(user) -> list[Role]:
    """The roles ``user`` may give and take: a superuser every role; a coordinator the
    roles up to the highest they hold (so never more than they hold); anyone else none."""
    if not (user.is_active and user.is_staff):
        return []
    roles = list(Role)  # Lowest first.
    if user.is_superuser:
        return roles
    if not user.has_role(Role.COORDINATOR):
        return []
    highest = max(roles.index(role) for role in roles if user.has_role(role))
    return roles[: highest + 1]


def why_roles_not_given(user, member: User) -> str:
    """Why ``user`` may not give or take ``member``'s roles, in one sentence; "" when they
    may. A coordinator changes the roles of their own organisation's staff; a superuser the
    rest (superusers, other organisations' staff, the coordinator's own roles)."""
    if user.is_active and user.is_superuser:
        return ""
    if not roles_given_by(user):
        return _(
            "Only a coordinator gives and takes roles, for the staff of their own "
            "organisation; a superuser changes the rest."
        )
    if member.pk == user.pk:
        return _(
            "Another coordinator of your organisation, or a superuser, changes your own roles."
        )
    if member.is_superuser:
        return _("Only a superuser changes a superuser.")
    if user.organisation_id is None:
        return _(
            "Your account belongs to no organisation, so you give roles to nobody: a superuser "
            "gives %(member)s a role."
        ) % {"member": member}
    if member.organisation_id != user.organisation_id:
        return _(
            "%(member)s is not on the staff of %(yours)s: a coordinator of their own "
            "organisation, or a superuser, gives them a role."
        ) % {"member": member, "yours": user.organisation}
    if not (member.is_active and member.is_staff):
        return _("%(member)s has no active staff account: a superuser changes that first.") % {
            "member": member
        }
    return ""


def can_give_roles(user, member: User) -> bool:
    return user.is_active and user.is_staff and not why_roles_not_given(user, member)


def who_gives_roles(user) -> list[str]:
    """Whom ``user`` can ask for a role: the active coordinators of their organisation, by
    name, with their e-mail address where ``user`` may see staff e-mail addresses."""
    if user.organisation_id is None:
        return []
    coordinators = User.objects.filter(
        organisation_id=user.organisation_id,
        is_active=True,
        is_staff=True,
        groups__name=Role.COORDINATOR.value,
    ).exclude(pk=user.pk)
    with_email = can_see_staff_emails(user)
    people = []
    for coordinator in coordinators.order_by("name", "email"):
        if with_email:
            name = coordinator.name
            people.append(f"{name} ({coordinator.email})" if name else coordinator.email)
        else:
            people.append(coordinator.name or _("a coordinator without a name in the admin"))
    return people


def why_read_only(user, obj: Model) -> str:
    """Why ``user`` may read ``obj`` in the admin but not change it, in one sentence."""
    if isinstance(obj, User):
        return why_roles_not_given(user, obj)
    opts = obj._meta
    permission = f"{opts.app_label}.change_{opts.model_name}"
    if user.has_perm(permission) and hasattr(obj, "organisation_id") and not can_edit(user, obj):
        owner = obj.organisation
        if user.organisation_id is None:
            return _(
                "This %(item)s belongs to %(owner)s. Your account belongs to no organisation: "
                "ask the coordinator to set yours."
            ) % {"item": opts.verbose_name, "owner": owner}
        return _(
            "This %(item)s belongs to %(owner)s; you can change the %(items)s of %(yours)s."
        ) % {
            "item": opts.verbose_name,
            "owner": owner,
            "items": opts.verbose_name_plural,
            "yours": user.organisation,
        }
    roles = roles_that_may(permission)
    if not roles:
        return _("Only a superuser changes %(items)s.") % {"items": opts.verbose_name_plural}
    return _("You can read %(items)s; only the %(roles)s role changes them.") % {
        "items": opts.verbose_name_plural,
        "roles": get_text_list(roles, _("or")),
    }


def role_description(user) -> str:
    """What ``user`` may do, for a refusal page: their role, or that they have none."""
    if user.is_superuser:
        return _("You are a superuser.")
    names = [str(role.label).lower() for role in ROLE_PERMISSIONS if user.has_role(role)]
    if not names:
        helpers = who_gives_roles(user)
        if helpers:
            return ngettext(
                "Your account has no role yet, so it shows none of the coalition's records. "
                "Ask the coordinator of %(organisation)s, %(people)s, to give you the editor "
                "or coordinator role.",
                "Your account has no role yet, so it shows none of the coalition's records. "
                "Ask one of the coordinators of %(organisation)s, %(people)s, to give you the "
                "editor or coordinator role.",
                len(helpers),
            ) % {"organisation": user.organisation, "people": get_text_list(helpers, _("or"))}
        return _(
            "Your account has no role yet, so it shows none of the coalition's records. "
            "Your organisation has no coordinator in the admin: ask a superuser to give you "
            "the editor or coordinator role."
        )
    return _("Your role: %(roles)s.") % {"roles": get_text_list(names, _("and"))}
