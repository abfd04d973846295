from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from lessonplans.models import GRADES, LessonPlan, Module, Series, Stage, validate_objective_codes
from materials.models import split_objective_codes
from networks.forms import PeopleChoiceField, PersonChoiceField, choose_people
from networks.models import Group, Network
from ortaq.lib.editing import VersionedForm
from subjects.models import Subject

GRADE_CHOICES = [(grade, str(grade)) for grade in GRADES]


class SeriesForm(VersionedForm, forms.ModelForm[Series]):
    grade = forms.TypedChoiceField(label=capfirst(_("grade")), choices=GRADE_CHOICES, coerce=int)
    modules = forms.MultipleChoiceField(
        label=capfirst(_("modules of the programme")),
        choices=Module.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    authors = PeopleChoiceField(label=capfirst(_("authors")), queryset=User.objects.none(), required=False)

    class Meta:
        model = Series
        fields = ["title", "subject", "grade", "unit", "group", "modules", "language", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, network: Network, groups: QuerySet[Group], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_people(self, "authors", network)
        group_field = self.fields["group"]
        assert isinstance(group_field, forms.ModelChoiceField)
        group_field.queryset = groups
        subject_field = self.fields["subject"]
        assert isinstance(subject_field, forms.ModelChoiceField)
        subject_field.queryset = Subject.objects.all()
        if self.instance.pk:
            self.initial.setdefault("authors", list(self.instance.authors.all()))
            self.initial.setdefault("modules", list(self.instance.modules))


class ObjectiveCodesField(forms.CharField):
    """Codes as people type them, «7.2.1.1, 7.2.1.2», each checked against the
    curriculum's dotted format."""

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        if isinstance(value, list):
            return value
        return split_objective_codes(str(value or ""))

    def validate(self, value: Any) -> None:
        super().validate(", ".join(value))
        validate_objective_codes(value)

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(value) if isinstance(value, list) else value


class LessonForm(VersionedForm, forms.ModelForm[LessonPlan]):
    objective_codes = ObjectiveCodesField(
        label=capfirst(_("learning objectives of the curriculum")),
        required=False,
        help_text=_("Codes of the curriculum, separated by commas: 7.2.1.1, 7.2.1.2."),
    )
    teacher = PersonChoiceField(label=capfirst(_("teacher")), queryset=User.objects.none(), required=False)
    date = forms.DateField(
        label=capfirst(_("date")), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    class Meta:
        model = LessonPlan
        fields = [
            "topic",
            "date",
            "teacher",
            "class_name",
            "present",
            "absent",
            "objective_codes",
            "objectives",
            "success_criteria",
            "values",
            "assessment",
            "differentiation",
            "resources",
            "reflection",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "objectives",
                "success_criteria",
                "values",
                "assessment",
                "differentiation",
                "resources",
                "reflection",
            )
        }

    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_people(self, "teacher", network)


class StageForm(forms.Form):
    part = forms.ChoiceField(label=capfirst(_("stage of the lesson")), choices=Stage.Part.choices)
    minutes = forms.IntegerField(label=capfirst(_("minutes")), min_value=0, max_value=240, required=False)
    teacher_actions = forms.CharField(
        label=capfirst(_("teacher's actions")),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    pupil_actions = forms.CharField(
        label=capfirst(_("pupils' actions")), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    assessment = forms.CharField(
        label=capfirst(_("assessment")), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    resources = forms.CharField(
        label=capfirst(_("resources")), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    remove = forms.BooleanField(label=_("remove when saved"), required=False)

    def is_blank(self) -> bool:
        data = self.cleaned_data
        return not any(
            data.get(name) for name in ("minutes", "teacher_actions", "pupil_actions", "assessment", "resources")
        )


StageFormSet = forms.formset_factory(StageForm, extra=0, max_num=40, validate_max=True)


class NewLessonForm(forms.Form):
    topic = forms.CharField(label=capfirst(_("lesson topic")), max_length=255)


class SeriesFilter(forms.Form):
    subject = forms.ModelChoiceField(
        label=capfirst(_("subject")), queryset=Subject.objects.all(), required=False, empty_label=_("every subject")
    )
    grade = forms.TypedChoiceField(
        label=capfirst(_("grade")),
        choices=[("", _("every grade")), *GRADE_CHOICES],
        coerce=int,
        empty_value=None,
        required=False,
    )
    group = forms.ModelChoiceField(
        label=capfirst(_("group")), queryset=Group.objects.none(), required=False, empty_label=_("every group")
    )

    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        group_field = self.fields["group"]
        assert isinstance(group_field, forms.ModelChoiceField)
        group_field.queryset = Group.objects.filter(network=network)
