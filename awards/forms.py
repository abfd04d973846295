from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from awards.models import Award
from networks.forms import PersonChoiceField, choose_people
from networks.models import Network


class AwardForm(forms.Form):
    kind = forms.ChoiceField(label=capfirst(_("kind")), choices=Award.Kind.choices)
    nomination = forms.CharField(
        label=capfirst(_("nomination")), max_length=255, required=False, help_text=_("For a certificate of merit.")
    )
    reason = forms.CharField(
        label=capfirst(_("for")),
        max_length=255,
        required=False,
        help_text=_("For a letter of thanks, in the recipient's language."),
    )
    hours = forms.IntegerField(
        label=capfirst(_("hours")),
        min_value=1,
        max_value=500,
        required=False,
        help_text=_("For a certificate of participation."),
    )
    ONE, PRESENT = "one", "present"
    to = forms.ChoiceField(
        label=capfirst(_("to whom")),
        choices=[(ONE, _("one person")), (PRESENT, _("everyone marked present who has none yet"))],
        initial=ONE,
        widget=forms.RadioSelect,
    )
    recipient = PersonChoiceField(label=capfirst(_("recipient")), queryset=User.objects.none(), required=False)
    # Set by the confirmation page: issuing to everyone present is done only once its
    # count and names were shown.
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_people(self, "recipient", network)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("to") == self.ONE and not cleaned.get("recipient"):
            self.add_error("recipient", _("Choose the recipient."))
        return cleaned


class RevokeForm(forms.Form):
    reason = forms.CharField(label=capfirst(_("reason for revoking")), max_length=255)


class VerifyForm(forms.Form):
    code = forms.CharField(label=capfirst(_("verification code")), max_length=20)
