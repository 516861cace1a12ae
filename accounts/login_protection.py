"""Who is knocking: the client address that the login lockout (django-axes) counts."""

from django.conf import settings


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
