from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from mentoring.models import DEFAULT_QUIET_DAYS, Meeting, Pair
from networks.forms import PersonChoiceField, choose_people
from networks.models import Network
from ortaq.lib.editing import VersionedForm
from ortaq.lib.widgets import DateInput


class PairForm(forms.ModelForm[Pair]):
    mentor = PersonChoiceField(label=_("Mentor"), queryset=User.objects.none())
    mentee = PersonChoiceField(label=_("Mentee"), queryset=User.objects.none())

    class Meta:
        model = Pair
        fields = ["mentor", "mentee", "kind", "goals", "started_on", "quiet_after_days"]
        widgets = {"started_on": DateInput(), "goals": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_people(self, "mentor", network)
        choose_people(self, "mentee", network)
        self.fields["started_on"].initial = timezone.localdate()
        self.fields["quiet_after_days"].initial = DEFAULT_QUIET_DAYS

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        mentor, mentee = cleaned.get("mentor"), cleaned.get("mentee")
        if mentor is not None and mentee is not None and mentor.pk == mentee.pk:
            self.add_error("mentee", _("A mentor cannot mentor themselves."))
        return cleaned

    def _post_clean(self) -> None:
        # The action writes the pair (and checks it); the form only reads what was chosen.
        pass


class PairEditForm(VersionedForm, forms.ModelForm[Pair]):
    class Meta:
        model = Pair
        fields = ["goals", "quiet_after_days"]
        widgets = {"goals": forms.Textarea(attrs={"rows": 6})}


class MeetingForm(forms.ModelForm[Meeting]):
    class Meta:
        model = Meeting
        fields = ["met_on", "discussed", "next_steps"]
        widgets = {
            "met_on": DateInput(),
            "discussed": forms.Textarea(attrs={"rows": 4}),
            "next_steps": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["met_on"].initial = timezone.localdate()

    def _post_clean(self) -> None:
        pass


class CompleteForm(forms.Form):
    summary = forms.CharField(
        label=_("Completion summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What changed for the mentee; shown to the pair and the network's organisers."),
    )
