"""Compressing pages in the app, so that a server without a compressing proxy in
front (a school's own box, ``make run``) still sends a thread page in a few
kilobytes to a phone on a weak connection."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.middleware.gzip import GZipMiddleware

# Text compresses; images, video, PDFs and archives already are compressed.
COMPRESSIBLE = ("text/", "application/json", "application/javascript", "image/svg+xml")


class CompressPagesMiddleware(GZipMiddleware):
    """Django's gzip (with its BREACH mitigation: random bytes in every gzip header,
    on top of CSRF tokens masked per response), for whole pages only. Files are left
    alone: a streamed or ranged body (a video seeked on a phone) must reach the client
    byte for byte as its Content-Range says, and WhiteNoise sends static files
    compressed ahead of time."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if (
            response.status_code != 200
            or isinstance(response, FileResponse | StreamingHttpResponse)
            or not response.get("Content-Type", "").startswith(COMPRESSIBLE)
        ):
            return response
        return super().process_response(request, response)
