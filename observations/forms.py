from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from materials.models import Material
from networks.forms import PersonChoiceField, choose_people
from networks.models import Network
from observations.models import Criterion, CriterionLevel, Lesson, ObservationForm
from ortaq.lib import uploads
from ortaq.lib.collation import KazakhOrder
from ortaq.lib.editing import VersionedForm
from ortaq.lib.forms import model_choices
from ortaq.lib.kept_uploads import KeepsUploads
from ortaq.lib.widgets import TimeInput
from subjects.models import Subject

LESSON_PLAN = uploads.Accepts(frozenset({uploads.DOCUMENT}))


class LessonForm(KeepsUploads, forms.ModelForm[Lesson]):
    teacher = PersonChoiceField(label=capfirst(_("teacher")), queryset=User.objects.none())
    keeps = {"plan_upload": LESSON_PLAN}

    class Meta:
        model = Lesson
        fields = [
            "teacher",
            "school",
            "subject",
            "grade",
            "topic",
            "objectives",
            "starts_at",
            "room",
            "plan_material",
            "form",
            "feedback_needs_release",
        ]
        widgets = {"starts_at": TimeInput(), "objectives": forms.Textarea(attrs={"rows": 3})}

    plan_upload = forms.FileField(
        label=capfirst(_("lesson plan (file)")), required=False, help_text=_("PDF, Word or a presentation.")
    )

    def __init__(self, *args: Any, network: Network, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_people(self, "teacher", network)
        # A lesson plan from the network's library, among those the organiser may open.
        model_choices(self, "plan_material").queryset = Material.objects.visible_to(user).filter(network=network)
        model_choices(self, "school").queryset = network.schools.order_by(KazakhOrder("name"))
        model_choices(self, "subject").queryset = Subject.objects.all()
        model_choices(self, "form").queryset = ObservationForm.objects.filter(network=network)

    def clean_plan_upload(self) -> Any:
        upload = self.cleaned_data.get("plan_upload")
        if upload:
            LESSON_PLAN.check(upload)
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        teacher = cleaned.get("teacher")
        if teacher and not cleaned.get("school") and teacher.school_id:
            cleaned["school"] = teacher.school
        return cleaned


class ObservationEntryForm(VersionedForm, forms.Form):
    """The observer's form: one set of levels per criterion, then the comments."""

    what_worked = forms.CharField(
        label=capfirst(_("what worked")), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    what_to_develop = forms.CharField(
        label=capfirst(_("what to develop")), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    comments = forms.CharField(label=capfirst(_("comments")), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.title,
                help_text=criterion.description,
                choices=[(level.score, f"{level.score} — {level.descriptor}") for level in criterion.levels.all()],
                coerce=int,
                widget=forms.RadioSelect,
                required=False,
            )

    def criterion_fields(self) -> list[forms.BoundField]:
        return [self[f"criterion_{c.pk}"] for c in self.criteria]

    def scores(self) -> dict[int, int]:
        scores = {}
        for criterion in self.criteria:
            value = self.cleaned_data.get(f"criterion_{criterion.pk}")
            if value not in (None, ""):
                scores[criterion.pk] = int(value)
        return scores


LEVEL_LINE = re.compile(r"^\s*(\d{1,2})\s*[:.)–-]\s*(.+)$")


class ObservationFormForm(forms.Form):
    """A new observation form typed as text: a criterion on a line, then its levels
    as lines starting with the level number («1: …», «2: …»)."""

    name = forms.CharField(label=capfirst(_("name")), max_length=200)
    description = forms.CharField(
        label=capfirst(_("description")), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    criteria = forms.CharField(
        label=capfirst(_("criteria and levels")),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("A criterion on its own line, then each level on a line starting with its number, e.g. «1: …»."),
    )

    def clean_criteria(self) -> list[tuple[str, list[tuple[int, str]]]]:
        parsed: list[tuple[str, list[tuple[int, str]]]] = []
        for raw in self.cleaned_data["criteria"].splitlines():
            if not raw.strip():
                continue
            match = LEVEL_LINE.match(raw)
            if match:
                if not parsed:
                    raise forms.ValidationError(_("Write a criterion before its levels."))
                parsed[-1][1].append((int(match.group(1)), match.group(2).strip()))
            else:
                parsed.append((raw.strip()[:255], []))
        if not parsed:
            raise forms.ValidationError(_("Write at least one criterion."))
        for title, levels in parsed:
            scores = [score for score, _descriptor in levels]
            if len(levels) < 2:
                raise forms.ValidationError(_("«%(criterion)s» needs at least two levels.") % {"criterion": title})
            if len(set(scores)) != len(scores) or min(scores) < 1 or max(scores) > 10:
                raise forms.ValidationError(
                    _("The levels of «%(criterion)s» must be different numbers from 1 to 10.") % {"criterion": title}
                )
        return parsed

    def save(self, network: Network) -> ObservationForm:
        form = ObservationForm.objects.create(
            network=network, name=self.cleaned_data["name"], description=self.cleaned_data["description"]
        )
        for position, (title, levels) in enumerate(self.cleaned_data["criteria"], start=1):
            criterion = Criterion.objects.create(form=form, position=position, title=title)
            CriterionLevel.objects.bulk_create(
                CriterionLevel(criterion=criterion, score=score, descriptor=descriptor[:500])
                for score, descriptor in levels
            )
        return form
