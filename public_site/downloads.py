"""Large downloads (the exports, the public ledger) streamed, and kept on disk by request.

The first request for a download streams it as it is made, writing it to
``EXPORT_CACHE_DIR`` on the way; until something the public sees changes (the state that
``public_site.caching`` names), later requests get that file, with an ETag and 304s. Memory stays
flat either way. Files of an older state are swept away as new ones are written.
"""

import hashlib
import os
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, HttpResponseNotModified, StreamingHttpResponse
from django.utils.http import http_date, quote_etag

from . import caching

# Files older than this are swept: no state lives longer than a day (the date is in the key).
KEEP_SECONDS = 26 * 60 * 60


def serve(
    request,
    chunks: Callable[[], Iterator[str]],
    content_type: str,
    filename: str,
    disposition: str = "attachment",
):
    """Stream what ``chunks`` makes, or the file a same request made before."""
    headers = {"Content-Disposition": f'{disposition}; filename="{filename}"'}
    if not settings.PUBLIC_CACHE_SECONDS:
        return _streaming(_encoded(chunks()), content_type, headers)
    state, last = caching.version()
    key = caching.cache_key(request, state)
    etag = quote_etag(key[5:37])
    headers |= {"ETag": etag, "Last-Modified": http_date(last), "Cache-Control": "public, no-cache"}
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        directory = Path(settings.EXPORT_CACHE_DIR)
        path = directory / hashlib.sha256(key.encode()).hexdigest()
        if path.exists():
            response = FileResponse(path.open("rb"), content_type=content_type)
        else:
            response = _streaming(_kept(_encoded(chunks()), path), content_type, {})
    for name, value in headers.items():
        response[name] = value
    return response


def _streaming(chunks: Iterator[bytes], content_type: str, headers: dict):
    response = StreamingHttpResponse(chunks, content_type=content_type)
    for name, value in headers.items():
        response[name] = value
    return response


def _encoded(chunks: Iterator[str]) -> Iterator[bytes]:
    for chunk in chunks:
        yield chunk.encode()


def _kept(chunks: Iterator[bytes], path: Path) -> Iterator[bytes]:
    """Pass ``chunks`` on, writing them to ``path`` too; a download cut short keeps nothing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _sweep(path.parent)
    partial = path.with_name(f"{path.name}.{uuid.uuid4().hex}.part")
    complete = False
    try:
        with partial.open("wb") as stream:
            for chunk in chunks:
                stream.write(chunk)
                yield chunk
        os.replace(partial, path)
        complete = True
    finally:
        if not complete:
            partial.unlink(missing_ok=True)


def _sweep(directory: Path) -> None:
    cutoff = time.time() - KEEP_SECONDS
    for old in directory.iterdir():
        try:
            if old.stat().st_mtime < cutoff:
                old.unlink()
        except FileNotFoundError:
            pass  # Another process swept it first.
