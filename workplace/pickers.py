"""The owner type-ahead of the demand and statement forms: active staff of the item's
organisation, as an editor's list of colleagues is, rather than every account."""

from django import forms
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import AutocompleteSelect
from django.urls import reverse

from accounts.permissions import can_edit_all


class OwnerSearch(AutocompleteJsonView):
    """Django's autocomplete, narrowed to who may own an item: active staff of the
    organisation the form names (``?organisation=``), and only the user's own organisation
    for a user who edits only their own."""

    def get_queryset(self):
        staff = super().get_queryset().filter(is_active=True, is_staff=True)
        organisation = self.request.GET.get("organisation", "")
        if not can_edit_all(self.request.user):
            return staff.filter(organisation_id=self.request.user.organisation_id)
        if organisation.isdigit():
            return staff.filter(organisation_id=organisation)
        return staff


class OwnerSelect(AutocompleteSelect):
    """The autocomplete box, asking ``OwnerSearch`` (``url_name``) instead of Django's view."""

    def __init__(self, field, admin_site, url_name: str, **kwargs):
        super().__init__(field, admin_site, **kwargs)
        self.owner_url_name = url_name

    def get_url(self):
        return reverse(self.owner_url_name)

    @property
    def media(self):
        return super().media + forms.Media(js=["admin/js/jquery.init.js", "js/owner-picker.js"])
