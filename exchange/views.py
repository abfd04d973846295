"""The export page (and its download) and the import of schools and people."""

from __future__ import annotations

import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from exchange import actions, imports
from exchange.export import FORMATS, XLSX, export_response, file_name_part
from exchange.forms import ExportForm, ImportForm
from exchange.permissions import get_exportable_network, get_importing_network
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


@login_required
@require_http_methods(["GET", "POST"])
def import_people(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose a file and check it (nothing is written), then import it: the same file,
    kept meanwhile, and only if it gives what was checked."""
    user = user_of(request)
    access = get_importing_network(user, pk)
    network = access.network
    form = ImportForm(request.POST or None, request.FILES or None, owner=user)
    context: dict[str, Any] = {"network": network, "access": access, "form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]

        def checked() -> tuple[imports.Plan, str]:
            return imports.plan_for(upload, access, name=upload.name or "", is_csv=form.is_csv)

        plan, fingerprint = checked()
        if "commit" in request.POST:
            if plan.ready and request.POST.get("checked") == fingerprint:
                try:
                    done = actions.import_plan(network, plan, by=user)
                except IntegrityError:  # someone joined, or was invited, meanwhile
                    plan, fingerprint = checked()
                    context["changed"] = True
                else:
                    form.forget_kept()
                    messages.success(request, imported_message(done))
                    return redirect("networks:members", pk=network.pk)
            else:
                # The file or the network is not what was checked: the new check is shown.
                context["changed"] = True
        form.keep_uploads()
        context |= {"plan": plan, "checked": fingerprint}
    return render(request, "exchange/import.html", context)


def imported_message(done: actions.Imported) -> str:
    parts = []
    if done.schools:
        parts.append(
            ngettext("%(count)d school is added", "%(count)d schools are added", done.schools) % {"count": done.schools}
        )
    if done.joined:
        parts.append(
            ngettext("%(count)d person became a member", "%(count)d people became members", done.joined)
            % {"count": done.joined}
        )
    if done.invited:
        parts.append(
            ngettext("%(count)d invitation is sent", "%(count)d invitations are sent", done.invited)
            % {"count": done.invited}
        )
    return _("Imported: %(what)s.") % {"what": "; ".join(parts)}


@login_required
@require_GET
def import_template(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_importing_network(user_of(request), pk)
    out = io.BytesIO()
    imports.template(access, out)
    response = HttpResponse(out.getvalue(), content_type=XLSX.media_type)
    name = _("%(network)s, people and schools") % {"network": access.network.name}
    response["Content-Disposition"] = content_disposition_header(True, f"{file_name_part(name)}.xlsx")
    return response
