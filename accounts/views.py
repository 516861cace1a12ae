from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .forms import ProfileForm


@staff_member_required
def profile(request):
    """The signed-in staff member's own settings, and the reminders sent to them."""
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile was saved."))
        return redirect("accounts:profile")
    reminders = request.user.reminders.select_related("meeting", "demand", "statement")[:50]
    return render(
        request,
        "accounts/profile.html",
        {
            # The admin's header, navigation and language: the profile is part of it.
            **admin.site.each_context(request),
            "form": form,
            "reminders": reminders,
            "title": _("My profile"),
        },
    )
