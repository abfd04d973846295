"""The two baselines every page of the report is compared with, served by the same
server as the real pages (bench/urls.py): what a request costs with nothing in it,
and with one ORM query of twenty rows rendered through a template."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.template.backends.django import Template

from materials.models import Material

TEMPLATES = Path(__file__).parent / "templates" / "bench"


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("hello", content_type="text/plain")


@cache
def bench_template(name: str) -> Template:
    # Not through the template loaders: bench is not an installed app.
    return engines["django"].from_string((TEMPLATES / name).read_text(encoding="utf-8"))


def one_query(request: HttpRequest) -> HttpResponse:
    """The twenty newest public materials: one query, one small template. Public
    ones only, so that even a server started with ORTAQ_BENCH shows nothing private."""
    materials = list(Material.objects.public().order_by("-created_at", "-id").only("pk", "title", "created_at")[:20])
    return HttpResponse(bench_template("one_query.html").render({"materials": materials}, request))


def layout(request: HttpRequest) -> HttpResponse:
    """The one query's twenty rows inside the site's layout, for whoever reads: what
    every page pays before its own content (header, session, language, notices)."""
    materials = list(Material.objects.public().order_by("-created_at", "-id").only("pk", "title", "created_at")[:20])
    return HttpResponse(bench_template("layout.html").render({"materials": materials}, request))
