from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Event
from networks.models import Group, Network
from ortaq.lib.forms import model_choices
from schools.models import School
from surveys.models import Audience, Instrument, Survey


class InstrumentChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.tr())


class SurveyChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({obj.opens_at:%d.%m.%Y})"


class SurveyForm(forms.Form):
    instrument = InstrumentChoiceField(label=_("Questionnaire"), queryset=Instrument.objects.none())
    title = forms.CharField(label=_("Title"), max_length=255)
    audience = forms.ChoiceField(label=_("Who answers"), choices=Audience.choices, widget=forms.RadioSelect)
    schools = forms.ModelMultipleChoiceField(
        label=_("Schools"), queryset=School.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    group = forms.ModelChoiceField(label=_("Group"), queryset=Group.objects.none(), required=False)
    event = forms.ModelChoiceField(label=_("Event"), queryset=Event.objects.none(), required=False)
    anonymous = forms.BooleanField(
        label=_("Anonymous"),
        required=False,
        initial=True,
        help_text=_("Answers are kept without the name of who gave them."),
    )
    asks_match_code = forms.BooleanField(
        label=_("Ask for a matching code"),
        required=False,
        help_text=_("Respondents make a code from answers only they know, to pair their answers before and after."),
    )
    opens_on = forms.DateField(label=_("Opens on"), widget=forms.DateInput(attrs={"type": "date"}))
    closes_on = forms.DateField(label=_("Closes after"), widget=forms.DateInput(attrs={"type": "date"}))
    wave = forms.CharField(
        label=_("Wave"), max_length=60, required=False, help_text=_("Such as «before» or «September».")
    )
    repeats = SurveyChoiceField(
        label=_("Repeats the survey"),
        queryset=Survey.objects.none(),
        required=False,
        help_text=_("For a second wave (after): its answers are compared with this one's."),
    )

    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.network = network
        model_choices(self, "instrument").queryset = Instrument.objects.usable_in(network)
        model_choices(self, "schools").queryset = network.schools.all()
        model_choices(self, "group").queryset = network.groups.all()
        since = timezone.now() - datetime.timedelta(days=120)
        model_choices(self, "event").queryset = Event.objects.filter(
            network=network, starts_at__gte=since, status=Event.Status.PLANNED
        ).order_by("-starts_at")
        model_choices(self, "repeats").queryset = Survey.objects.filter(network=network).select_related("version")
        today = timezone.localdate()
        self.fields["opens_on"].initial = today
        self.fields["closes_on"].initial = today + datetime.timedelta(days=14)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("A survey must close after it opens."))
        if data.get("audience") == Audience.SCHOOLS and not data.get("schools"):
            self.add_error("schools", _("Choose the schools."))
        return data

    def survey_fields(self) -> dict[str, Any]:
        """What the action needs, the dates as the moments they stand for."""
        data = self.cleaned_data
        zone = timezone.get_current_timezone()
        opens = datetime.datetime.combine(data["opens_on"], datetime.time(0, 0), zone)
        closes = datetime.datetime.combine(data["closes_on"] + datetime.timedelta(days=1), datetime.time(0, 0), zone)
        return {
            "title": data["title"],
            "audience": data["audience"],
            "group": data.get("group") if data["audience"] == Audience.GROUP else None,
            "event": data.get("event") if data["audience"] == Audience.EVENT else None,
            "anonymous": data.get("anonymous", False),
            "asks_match_code": data.get("asks_match_code", False),
            "opens_at": max(opens, timezone.now()) if data["opens_on"] == timezone.localdate() else opens,
            "closes_at": closes,
            "wave": data.get("wave", ""),
            "repeats": data.get("repeats"),
        }


class LinksForm(forms.Form):
    count = forms.IntegerField(label=_("How many links"), min_value=1, max_value=500, initial=1)
    single_use = forms.BooleanField(
        label=_("One answer per link"),
        required=False,
        help_text=_("For printed cards handed out at a meeting: each link takes one answer."),
    )
    label = forms.CharField(label=_("Label"), max_length=120, required=False)
