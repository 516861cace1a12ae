"""Who may do what through the API: reads are open, writes are for staff, and every rule of
who may change which item is asked of ``accounts.permissions``, as the admin asks it."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from accounts.permissions import can_add, can_edit, why_read_only


class ReadOrStaffWrite(BasePermission):
    """Anyone reads; only active staff, signed in by token or session, send a write (which
    the view's own rule then decides). A client that is not signed in gets 401."""

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        user = request.user
        return bool(user and user.is_authenticated and user.is_active and user.is_staff)


class CanAdd(BasePermission):
    """A write that enters a new row of the view's ``write_model``."""

    def has_permission(self, request, view):
        return request.method in SAFE_METHODS or can_add(request.user, view.write_model)


class CanEditItem(BasePermission):
    """A write to a demand or statement: an editor's own organisation's, or any for a
    coordinator. A refusal says why, in the admin's words."""

    def has_object_permission(self, request, view, obj):
        if request.method in SAFE_METHODS or can_edit(request.user, obj):
            return True
        self.message = why_read_only(request.user, obj)
        return False
