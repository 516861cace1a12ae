"""DRF's answer to an exception, which also leaves the refusal's reason on the request
for the log's one line (``config.logs``): the request log sees the answer's status, not
what it said."""

from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is not None:
        detail = getattr(exc, "detail", "")
        if isinstance(detail, dict):
            reason = "invalid " + ", ".join(map(str, detail))
        elif isinstance(detail, list):
            reason = "invalid input"
        else:
            reason = str(detail)
        context["request"]._request.refusal_reason = reason
    return response
