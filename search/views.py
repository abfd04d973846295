from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from search.forms import SearchForm
from search.query import search

PER_PAGE = 20


@require_GET
def results(request: HttpRequest) -> HttpResponse:
    """Open to everyone: visitors find public materials, signed-in people also what
    their networks and groups may see. Nothing is written to the session."""
    form = SearchForm(request.GET, user=request.user)
    query = form.query()
    page = form.page_number()
    found = None
    if query:
        found = search(request.user, query, form.filters(), limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
    context = {"form": form, "query": query, "results": found, "page": page}
    return render(request, "search/results.html", context)
