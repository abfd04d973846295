"""What surveys adds to the pages of the apps below it (ortaq/lib/extensions.py), which
show it without importing surveys:

- the network's home: the needs nothing planned serves yet, for those who read survey
  results (``permissions.runs_surveys``);
- an event's page: the needs it serves; after it has ended, «ask for feedback» for its
  organisers (one survey per event) and «give feedback» for its participants while the
  survey is open;
- the event's form: the needs it serves, to tick (``NeedsPart``).

Registered in ``SurveysConfig.ready``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from events.models import Event
from events.permissions import EventAccess
from networks.models import Network
from networks.permissions import Access
from ortaq.lib import extensions
from ortaq.lib.views import user_of
from surveys import actions, needs
from surveys.models import NeedServed, Receipt
from surveys.permissions import runs_surveys


def unserved_needs_panel(request: HttpRequest, access: Access) -> str:
    if not runs_surveys(access):
        return ""
    report = needs.report(access.network)
    if not report.has_answers:
        return ""
    return render_to_string(
        "surveys/_unserved_needs.html",
        {"network": access.network, "report": report, "unserved": needs.unserved(report)},
        request=request,
    )


def event_panel(request: HttpRequest, event_access: EventAccess) -> str:
    event = event_access.event
    served = list(NeedServed.objects.filter(event=event).order_by("pk").values_list("need", flat=True))
    names = needs.areas(event.network) if served else {}
    context: dict[str, Any] = {
        "event": event,
        "served": [names.get(key, key) for key in served],
        "can_organise": event_access.can_organise,
    }
    ended = not event.is_cancelled and event.ends_at <= timezone.now()
    if ended and (event_access.is_member or event_access.can_organise):
        survey = actions.feedback_survey_of(event)
        context["survey"] = survey
        context["ended"] = True
        if survey is not None and not event_access.can_organise and survey.is_open():
            user = user_of(request)
            context["may_answer"] = (
                survey.includes(user) and not Receipt.objects.filter(survey=survey, user=user).exists()
            )
    if not (context["served"] or context.get("ended")):
        return ""
    return render_to_string("surveys/_event_panel.html", context, request=request)


class NeedsField(forms.Form):
    needs = forms.MultipleChoiceField(
        label=_("Needs it serves"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("From the network's needs assessment: what this event answers."),
    )


class NeedsPart:
    """The needs an event serves, ticked on its form. Its fields are prefixed, so they
    never meet the event form's own."""

    prefix = "needs"

    def __init__(self, request: HttpRequest, choices: dict[str, str], ticked: list[str]) -> None:
        data = request.POST if request.method == "POST" else None
        self.form = NeedsField(data, prefix=self.prefix, initial={"needs": ticked})
        field = self.form.fields["needs"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = list(choices.items())

    def is_valid(self) -> bool:
        return self.form.is_valid()

    def html(self) -> SafeString:
        return SafeString(render_to_string("surveys/_needs_part.html", {"part": self.form}))

    def save(self, instance: Event) -> None:
        actions.serve_needs(instance, self.form.cleaned_data["needs"])


def needs_part(request: HttpRequest, network: Network, event: Event | None) -> NeedsPart | None:
    choices = needs.areas(network)
    ticked = needs.needs_of(event) if event is not None and event.pk else []
    # A need linked before the questionnaire changed stays choosable, so it is not lost unseen.
    choices |= {key: key for key in ticked if key not in choices}
    if not choices:
        return None
    return NeedsPart(request, choices, ticked)


def register() -> None:
    extensions.register_panel("networks.detail", "surveys.unserved_needs", unserved_needs_panel)
    extensions.register_panel("events.detail", "surveys.event", event_panel)
    extensions.register_form_part("events.event_form", "surveys.needs", needs_part)
