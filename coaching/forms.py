from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from coaching.actions import EVIDENCE
from coaching.models import CoachingPlan, CoachingSession, Evidence
from events.models import Event, Kind
from networks.forms import PeopleChoiceField, PersonChoiceField, choose_people
from networks.models import Network
from observations.models import ObservationForm
from ortaq.lib.collation import KazakhOrder
from ortaq.lib.editing import VersionedForm
from ortaq.lib.forms import MultipleFileField, model_choices
from ortaq.lib.kept_uploads import KeepsUploads
from ortaq.lib.widgets import DateInput, TimeInput
from plans.models import Goal
from subjects.models import Subject


class GoalChoiceField(forms.ModelChoiceField[Goal]):
    def label_from_instance(self, obj: Goal) -> str:
        return f"{obj.priority.plan.title}: {obj.statement[:120]}"


class EventChoiceField(forms.ModelChoiceField[Event]):
    def label_from_instance(self, obj: Event) -> str:
        return f"{obj.local_date:%d.%m.%Y} · {obj.title}"


class TeacherChoiceField(forms.ModelChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        return obj.full_name


class PlanForm(VersionedForm, forms.ModelForm[CoachingPlan]):
    goal = GoalChoiceField(
        label=capfirst(_("goal of the development plan")), queryset=Goal.objects.none(), required=False
    )
    coach = PersonChoiceField(label=capfirst(_("coach")), queryset=User.objects.none())
    teachers = PeopleChoiceField(label=capfirst(_("teachers")), queryset=User.objects.none())

    class Meta:
        model = CoachingPlan
        fields = [
            "title",
            "school",
            "goal",
            "coach",
            "teachers",
            "focus",
            "resources",
            "planned_sessions",
            "starts_on",
            "ends_on",
            "status",
        ]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "focus": forms.Textarea(attrs={"rows": 4}),
            "resources": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_people(self, "coach", network)
        choose_people(self, "teachers", network)
        model_choices(self, "school").queryset = network.schools.order_by(KazakhOrder("name"))
        # The goals of the network's development plans: a coaching plan serves one of them.
        goals = model_choices(self, "goal")
        goals.queryset = Goal.objects.filter(priority__plan__network=network).select_related("priority__plan")
        if self.instance.pk:
            self.initial.setdefault("teachers", list(self.instance.teachers.all()))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The last day must not come before the first."))
        coach = cleaned.get("coach")
        if coach is not None and coach in (cleaned.get("teachers") or []):
            self.add_error("teachers", _("The coach is not one of the plan's teachers."))
        return cleaned

    def plan_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name != "teachers"}


class ScheduleForm(forms.Form):
    """The plan's next session: a day, and, to put it in the work plan, a time; or an
    event of the work plan already there, linked."""

    date = forms.DateField(label=capfirst(_("date")), widget=DateInput(), required=False)
    topic = forms.CharField(label=capfirst(_("topic")), max_length=255, required=False)
    start = forms.TimeField(
        label=capfirst(_("start time")),
        widget=TimeInput(),
        required=False,
        help_text=_("With a time, the session is put in the work plan and the teachers are invited."),
    )
    duration = forms.IntegerField(label=capfirst(_("minutes")), min_value=15, max_value=480, initial=45)
    location = forms.CharField(label=capfirst(_("place")), max_length=255, required=False)
    event = EventChoiceField(
        label=capfirst(_("or link an event of the work plan")),
        queryset=Event.objects.none(),
        required=False,
        help_text=_("A coaching event already planned: it is linked, not copied."),
    )

    def __init__(self, *args: Any, plan: CoachingPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        events = model_choices(self, "event")
        events.queryset = Event.objects.filter(
            network=plan.network_id, kind=Kind.COACHING, coaching_sessions__isnull=True
        ).order_by("starts_at")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("date") and not cleaned.get("event"):
            self.add_error("date", _("Give the day, or choose an event of the work plan."))
        return cleaned


class RecordForm(VersionedForm, KeepsUploads, forms.Form):
    """The session's record, with its evidence: one form, so a file added or ticked
    «remove when saved» goes with the text typed, never without it."""

    date = forms.DateField(label=capfirst(_("date")), widget=DateInput())
    topic = forms.CharField(label=capfirst(_("topic")), max_length=255, required=False)
    done = forms.CharField(label=capfirst(_("what was done")), widget=forms.Textarea(attrs={"rows": 5}), required=False)
    agreements = forms.CharField(
        label=capfirst(_("agreements")),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("One agreement per line."),
    )
    next_steps = forms.CharField(
        label=capfirst(_("next steps")),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("One step per line."),
    )
    held = forms.BooleanField(label=_("The session was held"), required=False)
    evidence = MultipleFileField(
        label=capfirst(_("evidence")),
        required=False,
        help_text=_("Photos, pupils' work, recordings or documents; checked by their content."),
    )
    remove_files = forms.MultipleChoiceField(
        label=capfirst(_("files to remove")), required=False, widget=forms.CheckboxSelectMultiple
    )

    keeps = {"evidence": EVIDENCE}

    def __init__(self, *args: Any, session: CoachingSession, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.session = session
        files = self.fields["remove_files"]
        assert isinstance(files, forms.MultipleChoiceField)
        files.choices = [(str(pk), name) for pk, name in session.evidence.values_list("pk", "name")]

    def clean_remove_files(self) -> list[Evidence]:
        chosen = [int(value) for value in self.cleaned_data["remove_files"] if str(value).isdigit()]
        return list(self.session.evidence.filter(pk__in=chosen)) if chosen else []

    def clean_evidence(self) -> list[Any]:
        errors: list[str] = []
        for upload in self.cleaned_data["evidence"]:
            try:
                EVIDENCE.check(upload)
            except ValidationError as error:
                errors.extend(f"«{upload.name}»: {message}" for message in error.messages)
        if errors:
            raise ValidationError(errors)
        return list(self.cleaned_data["evidence"])

    def text(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ("date", "topic", "done", "agreements", "next_steps", "held")}


class ReflectionForm(forms.Form):
    text = forms.CharField(
        label=_("Your reflection"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("What you tried, what the pupils did, what you will do next. Empty, it is taken away."),
        max_length=5000,
    )


class VisitForm(forms.Form):
    teacher = TeacherChoiceField(label=capfirst(_("teacher")), queryset=User.objects.none())
    date = forms.DateField(label=capfirst(_("date")), widget=DateInput())
    starts_at = forms.TimeField(label=capfirst(_("start time")), widget=TimeInput(), required=False)
    topic = forms.CharField(label=capfirst(_("topic")), max_length=255)
    grade = forms.IntegerField(label=capfirst(_("grade")), min_value=0, max_value=12)
    subject = forms.ModelChoiceField(label=capfirst(_("subject")), queryset=Subject.objects.none(), required=False)
    focus = forms.CharField(label=capfirst(_("focus of the visit")), max_length=500, required=False)
    form = forms.ModelChoiceField(
        label=capfirst(_("observation form")),
        queryset=ObservationForm.objects.none(),
        required=False,
        help_text=_("The coach observes the lesson with one of the network's forms."),
    )

    def __init__(self, *args: Any, plan: CoachingPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choices(self, "teacher").queryset = plan.teachers.order_by(KazakhOrder("full_name"))
        model_choices(self, "subject").queryset = Subject.objects.all()
        forms_ = ObservationForm.objects.filter(network=plan.network_id)
        model_choices(self, "form").queryset = forms_
        first = forms_.first()
        if first is not None:
            self.initial.setdefault("form", first.pk)
