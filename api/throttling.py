"""Request rates (``API_RATE_ANONYMOUS``, ``API_RATE_SIGNED_IN``): past them, 429 with
``Retry-After``. Read from the settings on every request, not once at import, so that the
settings of a deployment (and of a test) apply.

The counts live in the default cache: shared by every web process where ``CACHE_URL``
names a Redis (compose.yaml does), per process otherwise."""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from accounts.login_protection import client_ip


class AnonymousRate(AnonRateThrottle):
    def get_rate(self):
        return settings.API_RATE_ANONYMOUS

    def get_ident(self, request):
        # The client's address as the login lockout reads it (TRUSTED_PROXY_COUNT): the
        # X-Forwarded-For entries a client writes itself do not give it a fresh count.
        return client_ip(request)


class SignedInRate(UserRateThrottle):
    def get_rate(self):
        return settings.API_RATE_SIGNED_IN

    def get_cache_key(self, request, view):
        if not request.user.is_authenticated:
            return None  # Counted by AnonymousRate.
        return super().get_cache_key(request, view)
