from __future__ import annotations

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ortaq.lib.cache import ping


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """For the load balancer and the operator: each dependency by name. 503 only when the
    database does not answer; without Redis the site still serves (slower, e-mails sent
    at once), so a balancer must not take the server out for it."""
    report: dict[str, str] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        report["database"] = "ok"
    except Exception as error:  # any failure to reach the database means "unhealthy"
        report["database"] = "down"
        report["error"] = type(error).__name__
    if settings.REDIS_URL:
        answers = ping(settings.REDIS_URL)
        report["cache"] = report["queue"] = "ok" if answers else "down"
    healthy = report["database"] == "ok"
    degraded = any(value == "down" for key, value in report.items() if key != "error")
    report["status"] = "ok" if not degraded else "degraded" if healthy else "error"
    return JsonResponse(report, status=200 if healthy else 503)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500. A database that does not answer (down, restarting, failing over) is
    an outage, not a bug: a page that says so, 503 with Retry-After, so people and
    balancers try again; anything else is the 500 page."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "60"
        return response
    return HttpResponseServerError(render_to_string("500.html"))
