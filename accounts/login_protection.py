"""Who is knocking, and how often: the client address that the login lockout
(django-axes) counts, and the limits it counts against."""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def client_ip(request) -> str:
    """The address of the client, not of the proxies in front of the site.

    Each of the ``TRUSTED_PROXY_COUNT`` proxies appends the address it received the
    request from to ``X-Forwarded-For``; the entry the outermost trusted proxy appended is
    the client. Entries further left were written by the client and are not trusted.
    """
    count = settings.TRUSTED_PROXY_COUNT
    remote = request.META.get("REMOTE_ADDR", "")
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:
        return remote
    return forwarded[-count]


class LoginFailures(AxesDatabaseHandler):
    """django-axes' counting, with a limit for each way of counting.

    Failures for one account from one address lock that pair out after
    ``AXES_FAILURE_LIMIT``: the owner, elsewhere, still logs in. Only many more, for the
    account from anywhere (``LOGIN_ACCOUNT_FAILURE_LIMIT``) or from the address for any
    account (``LOGIN_ADDRESS_FAILURE_LIMIT``), lock the account everywhere or the address
    for everyone: a stranger cannot lock a colleague out with a handful of guesses.
    """

    def limits(self) -> list[int]:
        """The limit of each of ``AXES_LOCKOUT_PARAMETERS``, in their order."""
        by_parameters = {
            ("username", "ip_address"): settings.AXES_FAILURE_LIMIT,
            ("username",): settings.LOGIN_ACCOUNT_FAILURE_LIMIT,
            ("ip_address",): settings.LOGIN_ADDRESS_FAILURE_LIMIT,
        }
        return [
            by_parameters[(parameters,) if isinstance(parameters, str) else tuple(parameters)]
            for parameters in settings.AXES_LOCKOUT_PARAMETERS
        ]

    def get_failures(self, request, credentials=None) -> int:
        """The failures that count, measured against ``AXES_FAILURE_LIMIT``, which axes
        compares them with: each way's count moved by the difference of its own limit, so
        that the result reaches the limit exactly when one of the counts reaches its own."""
        counts = [
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        ]
        base = settings.AXES_FAILURE_LIMIT
        return max(count + base - limit for count, limit in zip(counts, self.limits(), strict=True))

    def reset_user_attempts(self, request, credentials=None) -> int:
        """A login that succeeds clears the failures of that account at that address only:
        it says nothing about the guesses made for it elsewhere."""
        username = get_client_username(request, credentials)
        count, _deleted = AccessAttempt.objects.filter(
            username=username, ip_address=request.axes_ip_address
        ).delete()
        return count
