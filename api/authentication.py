"""Personal API tokens (``accounts.ApiToken``): ``Authorization: Bearer <key>``.

A revoked token, an unknown key or the key of a deactivated account is refused with 401,
on every endpoint, reads included: a script that holds a revoked key learns it at once. So
is the token of an account that gives a code at login, unless its holder made it after
giving one (``accounts.two_factor.token_is_allowed``).
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.authentication import SessionScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import (
    BaseAuthentication,
    SessionAuthentication,
    get_authorization_header,
)

from accounts import two_factor
from accounts.models import ApiToken

# How often ``last_used_at`` is written: often enough to tell a token in use, not on every
# request.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


class ApiTokenAuthentication(BaseAuthentication):
    keywords = ("bearer", "token")

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower().decode(errors="replace") not in self.keywords:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Give the token after “Bearer ”."))
        try:
            key = parts[1].decode()
        except UnicodeDecodeError as error:
            raise exceptions.AuthenticationFailed(_("This token is not valid.")) from error
        token = (
            ApiToken.objects.select_related("user", "user__organisation")
            .filter(digest=ApiToken.digest_of(key))
            .first()
        )
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("This token is not valid."))
        if token.is_revoked:
            raise exceptions.AuthenticationFailed(_("This token was revoked."))
        if not two_factor.token_is_allowed(token):
            raise exceptions.AuthenticationFailed(
                _(
                    "Your account needs two-step login, and this token was not made after "
                    "it. Set up two-step login, sign in with a code and make a new token "
                    "on your profile page."
                )
            )
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class VerifiedSessionAuthentication(SessionAuthentication):
    """The admin's session, on the admin's terms: a member who must give a code at login
    (``accounts.two_factor``) and has not is not signed in here either."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None or not two_factor.is_satisfied(result[0]):
            return None
        return result


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = ApiTokenAuthentication
    name = "token"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal token, made on the profile page (/accounts/profile/).",
        }


class VerifiedSessionScheme(SessionScheme):
    """Described as the session it is (drf-spectacular matches the exact class)."""

    target_class = VerifiedSessionAuthentication
