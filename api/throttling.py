"""Request rates (``API_RATE_ANONYMOUS``, ``API_RATE_SIGNED_IN``): past them, 429 with
``Retry-After``. Read from the settings on every request, not once at import, so that the
settings of a deployment (and of a test) apply."""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class AnonymousRate(AnonRateThrottle):
    def get_rate(self):
        return settings.API_RATE_ANONYMOUS


class SignedInRate(UserRateThrottle):
    def get_rate(self):
        return settings.API_RATE_SIGNED_IN

    def get_cache_key(self, request, view):
        if not request.user.is_authenticated:
            return None  # Counted by AnonymousRate.
        return super().get_cache_key(request, view)
