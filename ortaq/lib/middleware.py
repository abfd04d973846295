"""Compressing pages in the app, so that a server without a compressing proxy in
front (a school's own box, ``make run``) still sends a thread page in a few
kilobytes to a phone on a weak connection. ``ORTAQ_COMPRESS_PAGES=0`` leaves it to
a proxy that compresses (docs/deploy.md)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.middleware.gzip import GZipMiddleware

# Text compresses; images, video, PDFs and archives already are compressed.
COMPRESSIBLE = ("text/", "application/json", "application/javascript", "image/svg+xml")
# Below a kilobyte gzip saves a few hundred bytes at most, and the random bytes of
# the BREACH mitigation (up to 100) eat part of that.
MIN_BYTES = 1024


class CompressPagesMiddleware(GZipMiddleware):
    """Django's gzip (with its BREACH mitigation: random bytes in every gzip header,
    on top of CSRF tokens masked per response), for whole pages only. Files are left
    alone: a streamed or ranged body (a video seeked on a phone) must reach the client
    byte for byte as its Content-Range says, and WhiteNoise sends static files
    compressed ahead of time."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        if not getattr(settings, "ORTAQ_COMPRESS_PAGES", True):
            raise MiddlewareNotUsed
        super().__init__(get_response)

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if (
            response.status_code != 200
            or isinstance(response, FileResponse | StreamingHttpResponse)
            or response.has_header("Content-Range")
            or response.has_header("Content-Encoding")
            or not response.get("Content-Type", "").startswith(COMPRESSIBLE)
            or len(response.content) < MIN_BYTES
        ):
            return response
        return super().process_response(request, response)
