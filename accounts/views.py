from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from . import two_factor
from .forms import ApiTokenForm, CodeForm, ProfileForm
from .models import ApiToken


def _profile_page(request, form, token_form, new_token=None, new_key=None):
    reminders = request.user.reminders.select_related("meeting", "demand", "statement")[:50]
    return render(
        request,
        "accounts/profile.html",
        {
            # The admin's header, navigation and language: the profile is part of it.
            **admin.site.each_context(request),
            "form": form,
            "token_form": token_form,
            "tokens": request.user.api_tokens.all(),
            "new_token": new_token,
            "new_key": new_key,
            "reminders": reminders,
            "title": _("My profile"),
            "two_factor_set_up": two_factor.is_set_up(request.user),
            "two_factor_required": two_factor.is_required(request.user),
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
    redirected to, so that the key is never stored, not even in a message.

    A token writes as its holder does, so it is made only by whoever satisfied the admin's
    two-step login: it is not a way around it."""
    if not two_factor.is_satisfied(request.user):
        messages.error(request, _("Set up two-step login before you make an API token."))
        return redirect("accounts:two_factor")
    token_form = ApiTokenForm(request.POST)
    if not token_form.is_valid():
        return _profile_page(request, ProfileForm(instance=request.user), token_form)
    token, key = ApiToken.issue(
        request.user,
        token_form.cleaned_data["name"],
        after_two_step=request.user.is_verified(),
    )
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


@staff_member_required
def two_factor_setup(request):
    """Set up two-step login: scan the code, confirm one code, keep the recovery codes."""
    user = request.user
    context = {
        **admin.site.each_context(request),
        "title": _("Two-step login"),
        "required": two_factor.is_required(user),
        "set_up": two_factor.is_set_up(user),
    }
    if context["set_up"]:
        if request.method == "POST":
            if not user.is_verified():
                messages.error(request, _("Log in again with your code to get new recovery codes."))
                return redirect("accounts:two_factor")
            context["codes"] = two_factor.new_recovery_codes(user)
        context["codes_left"] = two_factor.recovery_codes_left(user)
        return render(request, "accounts/two_factor.html", context)

    device = two_factor.pending_app(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.confirm_app(device, form.cleaned_data["token"]):
            otp_login(request, device)
            messages.success(request, _("Two-step login is on. Keep your recovery codes safe."))
            context.update(set_up=True, codes=two_factor.new_recovery_codes(user))
            context["codes_left"] = len(context["codes"])
            return render(request, "accounts/two_factor.html", context)
        form.add_error(
            "token",
            _(
                "That code is not right. Check that your phone's clock is right and try the "
                "newest code."
            ),
        )
    context.update(
        form=form,
        qr_code=two_factor.qr_code_svg(device),
        secret=two_factor.secret_for_typing(device),
    )
    return render(request, "accounts/two_factor.html", context)
