"""The export page (and its download) and the import of schools and people."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import render
from django.views.decorators.http import require_GET

from exchange.export import FORMATS, export_response
from exchange.forms import ExportForm
from exchange.permissions import get_exportable_network
from exchange.tables import network_tables
from ortaq.lib.views import user_of


@login_required
@require_GET
def export(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The page with the choice of format; chosen (``?format=``), the file itself."""
    user = user_of(request)
    access = get_exportable_network(user, pk)
    form = ExportForm(request.GET if "format" in request.GET else None)
    if form.is_bound and form.is_valid():
        return export_response(access.network, user, FORMATS[form.cleaned_data["format"]])
    return render(
        request,
        "exchange/export.html",
        {
            "network": access.network,
            "access": access,
            "form": form,
            "tables": [table.title for table in network_tables(access.network, user)],
        },
    )
