from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import ApiTokenForm, ProfileForm
from .models import ApiToken


def _profile_page(request, form, token_form, new_token=None, new_key=None):
    reminders = request.user.reminders.select_related("meeting", "demand", "statement")[:50]
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "token_form": token_form,
            "tokens": request.user.api_tokens.all(),
            "new_token": new_token,
            "new_key": new_key,
            "reminders": reminders,
            "title": _("My profile"),
        },
    )


@staff_member_required
def profile(request):
    """The signed-in staff member's own settings, API tokens and the reminders sent to them."""
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile was saved."))
        return redirect("accounts:profile")
    return _profile_page(request, form, ApiTokenForm())


@staff_member_required
@require_POST
def token_create(request):
    """Make a personal API token and show its key, once: the page is rendered, not
    redirected to, so that the key is never stored, not even in a message."""
    token_form = ApiTokenForm(request.POST)
    if not token_form.is_valid():
        return _profile_page(request, ProfileForm(instance=request.user), token_form)
    token, key = ApiToken.issue(request.user, token_form.cleaned_data["name"])
    return _profile_page(
        request, ProfileForm(instance=request.user), ApiTokenForm(), new_token=token, new_key=key
    )


@staff_member_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    token.revoke()
    messages.success(request, _("Token “%(name)s” was revoked.") % {"name": token.name})
    return redirect("accounts:profile")
