"""Reading a public page as a reader does: in Dutch (the default) or in English, one section
or one table row at a time."""

import re
from html import unescape

from django.urls import translate_url


def read(client, url: str, language: str = "nl") -> str:
    """The page at ``url`` in ``language`` (its URL in that language: ``/en/…`` for English),
    as text; fails unless it answers 200."""
    url = translate_url(url, language)
    assert language == "nl" or url.startswith(f"/{language}/"), url
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def section(content: str, heading_id: str) -> str:
    """The ``<section>`` labelled by the heading ``heading_id``."""
    start = content.index(f'<section aria-labelledby="{heading_id}"')
    return content[start : content.index("</section>", start)]


def row(content: str, reference: str) -> str:
    """The table row of the item ``reference``."""
    for match in re.finditer(r"<tr[ >].*?</tr>", content, re.S):
        if f"/{reference}/" in match.group(0):
            return match.group(0)
    raise AssertionError(f"No row for {reference}")


def entry(content: str, seq: int) -> str:
    """The timeline entry ``#seq``."""
    start = content.index(f'id="entry-{seq}"')
    return content[start : content.index("</li>\n", content.index('class="hash"', start))]


def text(markup: str) -> str:
    """What a reader reads: the markup taken out, white space collapsed."""
    words = " ".join(unescape(re.sub(r"<[^>]+>", " ", markup)).split())
    return re.sub(r" ([,.;:)])", r"\1", words)


def download(client, url: str) -> bytes:
    """A download in full: the exports stream (``public_site.downloads``)."""
    response = client.get(url)
    assert response.status_code == 200, url
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content
