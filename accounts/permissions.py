"""Who may change what: the one place the admin, the API and the tests ask."""

from typing import TYPE_CHECKING

from django.db.models import QuerySet

if TYPE_CHECKING:  # accounts sits below tracker: a type, not an import.
    from tracker.models import TrackedItem

EDIT_ALL = "tracker.edit_all_organisations"


def can_edit_all(user) -> bool:
    return user.is_active and user.has_perm(EDIT_ALL)


def can_edit(user, item: "TrackedItem") -> bool:
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
