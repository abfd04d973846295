from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from awards import actions, certificates
from awards.forms import AwardForm, RevokeForm, VerifyForm
from awards.models import Award, normalise_award_code
from awards.permissions import get_award_for_user, get_revocable_award
from events.permissions import get_organised_event
from ortaq.lib import confirm
from ortaq.lib.views import first_error, user_of


@login_required
def awards(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    event_access = get_organised_event(user, pk)
    event = event_access.event
    form = AwardForm(request.POST or None, network=event_access.network)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {
            "kind": data["kind"],
            "nomination": data["nomination"],
            "reason": data["reason"],
            "hours": data["hours"],
        }
        try:
            if data["to"] == AwardForm.ONE:
                actions.issue_award(event, data["recipient"], by=user, **fields)
                messages.success(request, _("The award is issued."))
            elif not data["confirmed"]:
                actions.check_award(event, data["kind"], data["nomination"], data["hours"])
                people = actions.still_to_award(event, data["kind"])
                if people:
                    return render(
                        request,
                        "awards/confirm.html",
                        {"event": event, "network": event_access.network, "form": form, "people": people},
                    )
                actions.award_attendees(event, by=user, **fields)  # says there is nobody to award
            else:
                issued = actions.award_attendees(event, by=user, **fields)
                messages.success(request, _("Awards issued: %(count)s.") % {"count": len(issued)})
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("awards:event", pk=pk)
    return render(
        request,
        "awards/awards.html",
        {
            "event": event,
            "network": event_access.network,
            "form": form,
            "awards": event.awards.select_related("recipient").order_by("kind", "recipient_name"),
            "revoke_form": RevokeForm(),
        },
    )


@login_required
@require_GET
def award_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    award = get_award_for_user(user_of(request), pk)
    response = HttpResponse(certificates.render(award), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, certificates.filename(award)) or ""
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def award_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    award = get_revocable_award(user, pk)
    reason = request.POST.get("reason", "")
    if not confirm.confirmed(request):
        back = reverse("awards:event", args=[award.event_id])
        return confirm.ask(
            request,
            question=_("Revoke the award of %(person)s?") % {"person": award.recipient_name},
            losses=[
                _("Its verification page (%(code)s) will say that it is revoked and no longer valid.")
                % {"code": award.code},
                _("It is marked revoked in the person's record."),
            ],
            form=RevokeForm(initial={"reason": reason}),
            button=_("Revoke"),
            back=back,
            place=[(back, award.title)],
        )
    try:
        actions.revoke_award(award, by=user, reason=reason)
    except ValidationError as error:
        messages.error(request, first_error(error))
    else:
        messages.success(request, _("The award is revoked. Its verification page now says so."))
    return redirect("awards:event", pk=award.event_id)


@require_GET
def verify(request: HttpRequest, code: str = "") -> HttpResponse:
    """Public: anyone holding a document checks it by its code, without signing in."""
    if not code and request.GET.get("code"):
        return redirect("awards:verify_code", code=normalise_award_code(request.GET["code"]))
    award = None
    if code:
        award = Award.objects.select_related("network").filter(code=normalise_award_code(code)).first()
    response = render(
        request,
        "awards/verify.html",
        {"code": code, "award": award, "form": VerifyForm(initial={"code": code})},
        status=404 if code and award is None else 200,
    )
    response["X-Robots-Tag"] = "noindex"
    return response
