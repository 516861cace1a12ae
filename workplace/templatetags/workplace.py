"""Template tags of the staff's workplace (the admin)."""

from django import template
from django.contrib import admin

from accounts.permissions import why_read_only

register = template.Library()


@register.simple_tag(takes_context=True)
def read_only_reason(context) -> str:
    """Why the object on a read-only change page cannot be changed by this user; "" when
    it can, or on an add page."""
    obj = context.get("original")
    if obj is None or obj.pk is None or context.get("has_change_permission"):
        return ""
    model_admin = admin.site._registry.get(type(obj))
    return getattr(model_admin, "read_only_reason", "") or why_read_only(
        context["request"].user, obj
    )
