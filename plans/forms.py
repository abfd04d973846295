from __future__ import annotations

from typing import Any

from django import forms
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from calendars.models import AcademicYear
from events.models import Event
from networks.forms import PeopleChoiceField, PersonChoiceField, choose_people
from networks.models import Network
from ortaq.lib.collation import KazakhOrder
from ortaq.lib.editing import VersionedForm
from ortaq.lib.forms import model_choices
from ortaq.lib.widgets import DateInput
from plans import indicators, needs
from plans.models import (
    Activity,
    Audit,
    Check,
    Comment,
    Criterion,
    DataRow,
    Goal,
    Method,
    Placement,
    Plan,
    Priority,
    Report,
    RubricArea,
    RubricStage,
    Stage,
)
from plans.sources import moment
from schools.models import School


class PlanForm(VersionedForm, forms.ModelForm[Plan]):
    team = PeopleChoiceField(label=capfirst(_("change team")), queryset=User.objects.none())

    class Meta:
        model = Plan
        fields = ["school", "title", "year", "starts_on", "ends_on"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}
        help_texts = {"starts_on": _("For a longer cycle only: an academic year gives its own dates.")}

    def __init__(self, *args: Any, network: Network, schools: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["starts_on"].required = self.fields["ends_on"].required = False
        model_choices(self, "year").queryset = AcademicYear.objects.order_by("-starts_on")
        choose_people(self, "team", network)
        if self.instance.pk:
            del self.fields["school"]
            self.initial.setdefault("team", list(self.instance.change_team.all()))
        else:
            model_choices(self, "school").queryset = schools if schools is not None else network.schools.all()
            model_choices(self, "school").empty_label = _("the network's own plan")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("year") and not (cleaned.get("starts_on") and cleaned.get("ends_on")):
            raise forms.ValidationError(_("Choose an academic year, or give the cycle's first and last day."))
        return cleaned


class AuditForm(VersionedForm, forms.ModelForm[Audit]):
    methods = forms.MultipleChoiceField(
        label=capfirst(_("data-collection methods")),
        choices=Method.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Audit
        fields = ["self_evaluation", "methods"]
        widgets = {"self_evaluation": forms.Textarea(attrs={"rows": 10})}


class DataRowForm(forms.ModelForm[DataRow]):
    class Meta:
        model = DataRow
        fields = ["kind", "label", "value", "source", "collected_on"]
        widgets = {"collected_on": DateInput()}


class PriorityForm(VersionedForm, forms.ModelForm[Priority]):
    class Meta:
        model = Priority
        fields = ["title", "needs", "evidence"]
        widgets = {"needs": forms.Textarea(attrs={"rows": 3}), "evidence": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choices(self, "evidence").queryset = plan.data_rows.all()
        self.fields["evidence"].required = False


class GoalForm(VersionedForm, forms.ModelForm[Goal]):
    class Meta:
        model = Goal
        fields = ["statement", "measure", "baseline", "target", "due_on", "indicator_source", "methods"]
        widgets = {
            "statement": forms.Textarea(attrs={"rows": 2}),
            "methods": forms.Textarea(attrs={"rows": 2}),
            "due_on": DateInput(),
        }

    def __init__(self, *args: Any, plan: Plan | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offered = indicators.choices_for(plan) if plan is not None else indicators.choices()
        self.fields["indicator_source"] = forms.ChoiceField(
            label=capfirst(_("indicator")),
            choices=[("", _("entered at each check")), *offered],
            required=False,
            help_text=Goal._meta.get_field("indicator_source").help_text,
        )
        # The needs it serves: offered only once the network has assessed its needs.
        areas, ticked = needs.choices_for(plan.network, self.instance) if plan is not None else ({}, [])
        if areas:
            self.fields["needs"] = forms.MultipleChoiceField(
                label=_("Needs it serves"),
                choices=list(areas.items()),
                required=False,
                initial=ticked,
                widget=forms.CheckboxSelectMultiple,
                help_text=_("From the network's needs assessment: what this goal answers."),
            )


class CriterionForm(forms.ModelForm[Criterion]):
    class Meta:
        model = Criterion
        fields = ["text"]


class CriterionStatusForm(forms.Form):
    status = forms.ChoiceField(label=capfirst(_("status")), choices=Criterion.Status.choices)


class CheckForm(forms.ModelForm[Check]):
    class Meta:
        model = Check
        fields = ["done_on", "value", "note"]
        widgets = {"done_on": DateInput(), "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["done_on"].required = True
        self.fields["value"].help_text = _("Leave empty for a live indicator: its figure of that day is taken.")


class ActivityForm(VersionedForm, forms.ModelForm[Activity]):
    owner = PersonChoiceField(label=capfirst(_("responsible")), queryset=User.objects.none(), required=False)

    class Meta:
        model = Activity
        fields = ["goal", "title", "description", "owner", "group", "starts_on", "due_on", "resources", "events"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "resources": forms.Textarea(attrs={"rows": 2}),
            "starts_on": DateInput(),
            "due_on": DateInput(),
            "events": forms.CheckboxSelectMultiple(attrs={"class": "checkbox-list"}),
        }
        help_texts = {"events": _("The events of the work plan that carry it out: linked, not copied.")}

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        network = plan.network
        model_choices(self, "goal").queryset = Goal.objects.filter(priority__plan=plan)
        model_choices(self, "group").queryset = network.groups.all()
        choose_people(self, "owner", network)
        model_choices(self, "events").queryset = (
            Event.objects.filter(
                network=network,
                starts_at__gte=moment(plan.starts_on),
                starts_at__lt=moment(plan.ends_on, end=True),
            )
            .exclude(status=Event.Status.CANCELLED)
            .order_by("starts_at")
        )
        model_choices(self, "events").label_from_instance = event_label  # type: ignore[assignment]
        self.fields["events"].required = False


def stage_label(stage: RubricStage) -> str:
    return f"{stage.number}. {stage.name}"


def event_label(event: Event) -> str:
    return f"{formats.date_format(event.local_date, 'SHORT_DATE_FORMAT')} · {event.get_kind_display()} · {event.title}"


class CommentForm(forms.ModelForm[Comment]):
    class Meta:
        model = Comment
        fields = ["stage", "text"]
        widgets = {"stage": forms.HiddenInput, "text": forms.Textarea(attrs={"rows": 3})}

    def clean_stage(self) -> str:
        return str(Stage(self.cleaned_data["stage"]))


class ReportForm(VersionedForm, forms.ModelForm[Report]):
    class Meta:
        model = Report
        fields = ["reflection"]
        widgets = {"reflection": forms.Textarea(attrs={"rows": 20, "data-word-count": ""})}


class PlacementForm(VersionedForm, forms.Form):
    stage = forms.ModelChoiceField(
        label=capfirst(_("stage")), queryset=RubricStage.objects.all(), widget=forms.RadioSelect, empty_label=None
    )
    evidence = forms.CharField(
        label=capfirst(_("evidence")),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=Placement._meta.get_field("evidence").help_text,
    )

    def __init__(self, *args: Any, area: RubricArea, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"area-{area.pk}")
        super().__init__(*args, **kwargs)
        self.area = area
        model_choices(self, "stage").label_from_instance = stage_label  # type: ignore[assignment]


class ModerationForm(VersionedForm, forms.Form):
    decision = forms.ChoiceField(
        label=capfirst(_("decision")),
        choices=[("agree", _("agree")), ("propose", _("propose another stage"))],
        widget=forms.RadioSelect,
    )
    proposed_stage = forms.ModelChoiceField(
        label=capfirst(_("proposed stage")), queryset=RubricStage.objects.all(), required=False
    )
    reason = forms.CharField(label=capfirst(_("reason")), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choices(self, "proposed_stage").label_from_instance = stage_label  # type: ignore[assignment]


def school_choices(network: Network) -> Any:
    return School.objects.filter(network_links__network=network).order_by(KazakhOrder("name"))
