"""What the log says about a request: a refusal (a 4xx) is one line saying who asked for
what and why it was refused; a traceback is kept for real errors (5xx) alone."""

import logging

# Where a view that answers a refusal itself (the API's) leaves its reason for the log.
REASON = "refusal_reason"


class OneLineRefusals(logging.Filter):
    """On ``django.request``: a 4xx record becomes one line without its traceback.

    Django logs a refused request (``PermissionDenied``, ``Http404``) with the exception's
    traceback: forty lines for an answer that is the product working as meant, which a
    newcomer reads as a crash.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        request = getattr(record, "request", None)
        if status is None or not 400 <= status < 500 or request is None:
            return True
        reason = getattr(request, REASON, "")
        exception = record.exc_info[1] if record.exc_info else None
        # A message it was raised with (an unresolved URL's is a dict of every pattern tried).
        if exception is not None and exception.args and isinstance(exception.args[0], str):
            reason = exception.args[0]
        record.msg = "Refused %s: %s %s by %s%s"
        record.args = (
            status,
            request.method,
            request.get_full_path(),
            who(request),
            f": {reason}" if reason else "",
        )
        record.exc_info = record.exc_text = None
        return True


def who(request) -> str:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return "anonymous"
    return user.get_username()
