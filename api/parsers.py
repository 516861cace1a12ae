"""Request bodies as the API reads them."""

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


def _holds_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(key) or _holds_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_holds_nul(item) for item in value)
    return False


class TextJSONParser(JSONParser):
    """JSON whose strings hold no NUL character (``\\u0000``): no text of the tracker has
    one, and PostgreSQL refuses it in a lookup or a text column with an error, a 500
    where a 400 is due. The URL's NUL is refused earlier (``config.middleware``)."""

    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        if _holds_nul(data):
            raise ParseError("JSON parse error - text may not hold the NUL character (\\u0000).")
        return data
