from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from notifications import actions, emails, kinds
from notifications.forms import PreferencesForm
from notifications.permissions import get_notice_for_user, notices_visible_to
from ortaq.lib.views import safe_next, user_of

PER_PAGE = 30


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    notices = notices_visible_to(user_of(request)).select_related("actor").order_by("-pk")
    page = Paginator(notices, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "notifications/index.html", {"page": page, "notices": page.object_list})


@login_required
@require_GET
def open_notice(request: HttpRequest, pk: int) -> HttpResponse:
    """Marks the notice read on the way to what it is about."""
    notice = get_notice_for_user(user_of(request), pk)
    actions.mark_read(notice)
    return redirect(notice.url)


@login_required
@require_POST
def read_all(request: HttpRequest) -> HttpResponse:
    count = actions.mark_all_read(user_of(request))
    messages.success(request, _("Marked as read: %(count)s.") % {"count": count})
    return redirect(safe_next(request, fallback="/notifications/"))


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    form = PreferencesForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your notice settings are saved."))
        return redirect("notifications:settings")
    return render(request, "notifications/settings.html", {"form": form})


@csrf_exempt  # the signed token is the proof; mail clients post without a cookie
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """One-click stop of one kind of e-mail, without signing in. A GET only shows the
    button, so a mail scanner opening links stops nothing; the e-mail client's
    one-click POST (RFC 8058) and the button do."""
    found = emails.read_token(token)
    if found is None:
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=404)
    person, key = found
    done = False
    if request.method == "POST":
        actions.set_channel(person, key, kinds.Channel.SITE)
        done = True
    return render(
        request,
        "notifications/unsubscribe.html",
        {"person": person, "kind": kinds.get(key), "done": done, "token": token},
    )
