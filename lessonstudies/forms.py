from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from lessonstudies.models import Activity, CasePupil, Cycle, Interview
from networks.forms import PeopleChoiceField, PersonChoiceField, choose_people
from networks.models import Group, Network
from ortaq.lib.editing import VersionedForm
from ortaq.lib.forms import model_choices
from ortaq.lib.widgets import DateInput, TimeInput
from schools.models import School
from subjects.models import Subject


class CycleForm(VersionedForm, forms.Form):
    theme = forms.CharField(label=capfirst(_("research theme")), max_length=255)
    question = forms.CharField(
        label=capfirst(_("research question")),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the team wants to find out about its pupils' learning."),
    )
    subject = forms.ModelChoiceField(label=capfirst(_("subject")), queryset=Subject.objects.all(), required=False)
    grade = forms.IntegerField(label=capfirst(_("grade")), min_value=0, max_value=12)
    group = forms.ModelChoiceField(label=capfirst(_("research group")), queryset=Group.objects.none(), required=False)
    leader = PersonChoiceField(label=capfirst(_("team leader")), queryset=User.objects.none())
    team = PeopleChoiceField(
        label=capfirst(_("team")),
        queryset=User.objects.none(),
        help_text=_("Teachers of any of the network's schools."),
    )

    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choices(self, "group").queryset = network.groups.all()
        choose_people(self, "leader", network)
        choose_people(self, "team", network)

    @classmethod
    def initial_of(cls, cycle: Cycle) -> dict[str, Any]:
        return {
            "theme": cycle.theme,
            "question": cycle.question,
            "subject": cycle.subject_id,
            "grade": cycle.grade,
            "group": cycle.group_id,
            "leader": cycle.leader,
            "team": list(cycle.team.all()),
        }


class PupilForm(forms.ModelForm[CasePupil]):
    observer = PersonChoiceField(label=capfirst(_("observer")), queryset=User.objects.none())

    class Meta:
        model = CasePupil
        fields = ["code", "profile", "observer"]
        widgets = {"profile": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "code": _("A letter, never a name: «А», «B», «C»."),
            "profile": _("What kind of learner, told by what they are expected to do."),
        }

    def __init__(self, *args: Any, cycle: Cycle, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cycle = cycle
        choose_people(self, "observer", cycle.network, User.objects.filter(pk__in=[p.pk for p in team(cycle)]))

    def clean_code(self) -> str:
        code = str(self.cleaned_data["code"]).strip()
        taken = CasePupil.objects.filter(cycle=self.cycle, code=code).exclude(pk=self.instance.pk or 0)
        if taken.exists():
            raise forms.ValidationError(_("Another case pupil has this code."))
        return code


def team(cycle: Cycle) -> list[User]:
    people = {cycle.leader_id: cycle.leader}
    for person in cycle.team.all():
        people.setdefault(person.pk, person)
    return list(people.values())


class ScheduleForm(forms.Form):
    teacher = PersonChoiceField(label=capfirst(_("teacher")), queryset=User.objects.none())
    date = forms.DateField(label=capfirst(_("date")), widget=DateInput())
    starts_at = forms.TimeField(label=capfirst(_("start time")), widget=TimeInput(), required=False)
    school = forms.ModelChoiceField(label=capfirst(_("school")), queryset=School.objects.none(), required=False)
    class_name = forms.CharField(label=capfirst(_("class")), max_length=20, required=False)

    def __init__(self, *args: Any, cycle: Cycle, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_people(self, "teacher", cycle.network, User.objects.filter(pk__in=[p.pk for p in team(cycle)]))
        model_choices(self, "school").queryset = cycle.network.schools.all()


class PlanForm(forms.Form):
    objectives = forms.CharField(
        label=capfirst(_("learning objectives")),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One objective per line."),
    )
    success_criteria = forms.CharField(
        label=capfirst(_("success criteria")), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    change_note = forms.CharField(
        label=capfirst(_("what changed")), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    opened = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ActivityForm(forms.ModelForm[Activity]):
    class Meta:
        model = Activity
        fields = ["title", "minutes", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


ActivityFormSet = forms.formset_factory(ActivityForm, extra=2, max_num=30)


class NoteForm(forms.Form):
    pupil = forms.IntegerField()
    text = forms.CharField(max_length=4000)
    client_id = forms.UUIDField(required=False)
    activity = forms.IntegerField(required=False)
    noted_at = forms.DateTimeField(required=False)
    seat_x = forms.FloatField(required=False, min_value=0, max_value=1)
    seat_y = forms.FloatField(required=False, min_value=0, max_value=1)


class InterviewForm(VersionedForm, forms.ModelForm[Interview]):
    class Meta:
        model = Interview
        fields = ["learned", "helped", "hard", "change"]
        widgets = {name: forms.Textarea(attrs={"rows": 2}) for name in fields}


class DecisionsForm(VersionedForm, forms.Form):
    decisions = forms.CharField(
        label=capfirst(_("decisions for the next lesson")), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class ConclusionsForm(VersionedForm, forms.Form):
    conclusions = forms.CharField(
        label=capfirst(_("conclusions")), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
