from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from calendars.models import AcademicYear
from events.actions import ATTACHMENTS, NewTask
from events.models import (
    Attachment,
    Event,
    EventSeries,
    Kind,
    Participation,
    RecordTask,
    WorkPlan,
)
from networks.forms import PeopleChoiceField, PersonChoiceField, choose_people
from networks.models import Network
from ortaq.lib.collation import KazakhOrder
from ortaq.lib.editing import VERSION_FIELD, VersionedForm
from ortaq.lib.forms import MultipleFileField, model_choices
from ortaq.lib.kept_uploads import KeepsUploads
from ortaq.lib.widgets import DateInput, TimeInput


def combine(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))


class NetworkChoicesMixin:
    """Limits the choice fields to the network's own schools, groups, plans and people."""

    def limit_to(self, network: Network) -> None:
        fields = self.fields  # type: ignore[attr-defined]
        if "host_school" in fields:
            fields["host_school"].queryset = network.schools.order_by(KazakhOrder("name"))
        if "target_schools" in fields:
            fields["target_schools"].queryset = network.schools.order_by(KazakhOrder("name"))
        if "target_groups" in fields:
            fields["target_groups"].queryset = network.groups.all()
        if "plan" in fields:
            fields["plan"].queryset = WorkPlan.objects.filter(network=network).select_related("year", "school")
        if "responsible" in fields:
            choose_people(self, "responsible", network)  # type: ignore[arg-type]


EVENT_FIELDS = [
    "kind",
    "title",
    "goal",
    "description",
    "location",
    "online_url",
    "host_school",
    "capacity",
    "plan",
    "target_schools",
    "target_groups",
]


def check_place(cleaned: dict[str, Any]) -> None:
    kind = cleaned.get("kind")
    if kind in (Kind.ONLINE, Kind.WEBINAR) and not cleaned.get("online_url"):
        raise forms.ValidationError({"online_url": _("An online meeting needs the link to the video call.")})
    if kind == Kind.MEETING and not (cleaned.get("location") or cleaned.get("host_school")):
        raise forms.ValidationError({"location": _("A face-to-face meeting needs a place or a host school.")})


def online_url_field() -> forms.URLField:
    return forms.URLField(label=capfirst(_("link to the video call")), required=False, assume_scheme="https")


class EventForm(NetworkChoicesMixin, forms.ModelForm):
    online_url = online_url_field()
    date = forms.DateField(label=capfirst(_("date")), widget=DateInput())
    start = forms.TimeField(label=capfirst(_("start time")), widget=TimeInput())
    duration = forms.IntegerField(label=capfirst(_("duration in minutes")), min_value=5, max_value=12 * 60, initial=90)
    responsible = PeopleChoiceField(
        label=capfirst(_("responsible people")),
        queryset=User.objects.none(),
        required=False,
    )

    class Meta:
        model = Event
        fields = [*EVENT_FIELDS, "responsible"]
        widgets = {
            "goal": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 4}),
            "target_schools": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
        }
        help_texts = {"target_schools": _("Leave schools and groups empty to invite the whole network.")}

    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limit_to(network)
        if self.instance.pk:
            start = self.instance.local_start
            self.initial.setdefault("date", start.date())
            self.initial.setdefault("start", start.time())
            self.initial.setdefault("duration", self.instance.duration_minutes)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        check_place(cleaned)
        if cleaned.get("date") and cleaned.get("start") and cleaned.get("duration"):
            cleaned["starts_at"] = combine(cleaned["date"], cleaned["start"])
            cleaned["ends_at"] = cleaned["starts_at"] + datetime.timedelta(minutes=cleaned["duration"])
        return cleaned

    def event_fields(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in EVENT_FIELDS if name in self.cleaned_data}
        data["responsible"] = self.cleaned_data.get("responsible", [])
        data["starts_at"] = self.cleaned_data["starts_at"]
        data["ends_at"] = self.cleaned_data["ends_at"]
        return data


class EditEventForm(VersionedForm, EventForm):
    pass


class SeriesForm(NetworkChoicesMixin, forms.ModelForm):
    online_url = online_url_field()

    class RuleKind:
        WEEKDAY = "weekday"
        MONTH_DAY = "month_day"

    rule_kind = forms.ChoiceField(
        label=capfirst(_("repeats on")),
        choices=[("weekday", _("a weekday of the month")), ("month_day", _("a day of the month"))],
        widget=forms.RadioSelect,
        initial="weekday",
    )

    class Meta:
        model = EventSeries
        fields = [
            "kind",
            "title",
            "interval",
            "rule_kind",
            "week",
            "weekday",
            "month_day",
            "starts_on",
            "ends_on",
            "start_time",
            "duration",
            "goal",
            "description",
            "location",
            "online_url",
            "host_school",
            "capacity",
            "plan",
            "target_schools",
            "target_groups",
        ]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "start_time": TimeInput(),
            "goal": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 3}),
            "target_schools": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limit_to(network)
        if self.instance.pk and self.instance.month_day:
            self.initial.setdefault("rule_kind", self.RuleKind.MONTH_DAY)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        check_place(cleaned)
        if cleaned.get("rule_kind") == "month_day":
            cleaned["week"] = cleaned["weekday"] = None
            self.instance.week = self.instance.weekday = None
        else:
            cleaned["month_day"] = None
            self.instance.month_day = None
        return cleaned

    def series_fields(self) -> dict[str, Any]:
        return {name: value for name, value in self.cleaned_data.items() if name not in ("rule_kind", VERSION_FIELD)}


class EditSeriesForm(VersionedForm, SeriesForm):
    """The whole series edited (events.actions.edit_series): opened at its version."""


class MoveForm(forms.Form):
    date = forms.DateField(label=capfirst(_("new date")), widget=DateInput())
    start = forms.TimeField(label=capfirst(_("start time")), widget=TimeInput())
    duration = forms.IntegerField(label=capfirst(_("duration in minutes")), min_value=5, max_value=12 * 60)

    def times(self) -> tuple[datetime.datetime, datetime.datetime]:
        start = combine(self.cleaned_data["date"], self.cleaned_data["start"])
        return start, start + datetime.timedelta(minutes=self.cleaned_data["duration"])


class CancelForm(forms.Form):
    reason = forms.CharField(label=capfirst(_("reason for cancelling")), max_length=255, required=False)


class DeclineForm(forms.Form):
    reason = forms.ChoiceField(
        label=capfirst(_("reason")), choices=[("", "—"), *Participation.AbsenceReason.choices], required=False
    )
    note = forms.CharField(label=capfirst(_("note")), max_length=255, required=False)


class CheckinForm(forms.Form):
    code = forms.CharField(
        label=capfirst(_("code shown at the meeting")),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "inputmode": "text"}),
    )


class AddAttendeeForm(forms.Form):
    person = PersonChoiceField(label=capfirst(_("add a person who came")), queryset=User.objects.none())

    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_people(self, "person", network)


class FilesToRemove(forms.MultipleChoiceField):
    """The record's files ticked «remove»: nothing goes until the form is saved. A file
    another organiser removed meanwhile is no mistake: it is gone already."""

    widget = forms.CheckboxSelectMultiple

    def valid_value(self, value: Any) -> bool:
        return True


class RecordForm(VersionedForm, KeepsUploads, forms.Form):
    """The whole record page is this one form: the text, a new task, new files, the
    buttons that mark a task done, and a «remove» box beside each file. Whichever button
    is pressed, what was typed in the record goes with it and is saved, and the files
    ticked go with it (events.actions.write_record): adding a task or a file never
    loses the agenda and notes, and a click on «remove» removes nothing by itself."""

    ADD_TASK, UPLOAD, SAVE = "add_task", "upload", "save"

    agenda = forms.CharField(
        label=capfirst(_("agenda")), widget=forms.Textarea(attrs={"rows": 4}), required=False,
        help_text=_("One item per line."),
    )  # fmt: skip
    notes = forms.CharField(
        label=capfirst(_("what happened")), widget=forms.Textarea(attrs={"rows": 6}), required=False,
        help_text=_("Markdown is allowed."),
    )  # fmt: skip
    decisions = forms.CharField(
        label=capfirst(_("decisions")), widget=forms.Textarea(attrs={"rows": 4}), required=False,
        help_text=_("One decision per line."),
    )  # fmt: skip
    task_title = forms.CharField(label=capfirst(_("task")), max_length=500, required=False)
    task_owner = PersonChoiceField(label=capfirst(_("owner")), queryset=User.objects.none(), required=False)
    task_due_on = forms.DateField(label=capfirst(_("due")), widget=DateInput(), required=False)
    attachments = MultipleFileField(
        label=capfirst(_("files")),
        required=False,
        help_text=_("Photos, audio, video, slides or documents; checked by their content."),
    )
    # Set by the buttons, never shown as fields.
    button = forms.ChoiceField(choices=[(ADD_TASK, ADD_TASK), (UPLOAD, UPLOAD), (SAVE, SAVE)], required=False)
    # Another organiser may have removed it meanwhile.
    toggle_task = forms.ModelChoiceField(
        queryset=RecordTask.objects.none(), required=False, error_messages={"invalid_choice": _("No such task.")}
    )
    remove_files = FilesToRemove(label=capfirst(_("files to remove")), required=False)

    keeps = {"attachments": ATTACHMENTS}

    def __init__(self, *args: Any, event: Event, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_people(self, "task_owner", network)
        model_choices(self, "toggle_task").queryset = RecordTask.objects.filter(record__event=event)
        self.event = event
        files = self.fields["remove_files"]
        assert isinstance(files, FilesToRemove)
        files.choices = [(str(pk), name) for pk, name in event.attachments.values_list("pk", "name")]

    def clean_remove_files(self) -> list[Attachment]:
        chosen = [int(value) for value in self.cleaned_data["remove_files"] if str(value).isdigit()]
        return list(self.event.attachments.filter(pk__in=chosen)) if chosen else []

    def marked_for_removal(self) -> set[int]:
        """The files ticked on the page as it was sent (kept ticked when it comes back)."""
        if not self.is_bound:
            return set()
        values = self.fields["remove_files"].widget.value_from_datadict(
            self.data, self.files, self.add_prefix("remove_files")
        )
        return {int(value) for value in values or [] if str(value).isdigit()}

    def clean_attachments(self) -> list[Any]:
        errors: list[str] = []
        for upload in self.cleaned_data["attachments"]:
            try:
                ATTACHMENTS.check(upload)
            except ValidationError as error:
                errors.extend(f"«{upload.name}»: {message}" for message in error.messages)
        if errors:
            raise ValidationError(errors)
        return self.cleaned_data["attachments"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        title = (data.get("task_title") or "").strip()
        named = bool(title or data.get("task_owner") or data.get("task_due_on"))
        if named or data.get("button") == self.ADD_TASK:
            missing = "task_title" if not title else "task_owner" if not data.get("task_owner") else None
            if missing and missing not in self.errors:
                self.add_error(missing, _("Give the task and choose its owner from the network's members."))
        if data.get("button") == self.UPLOAD and not data.get("attachments") and "attachments" not in self.errors:
            self.add_error("attachments", _("Choose a file to upload."))
        return data

    def text(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in ("agenda", "notes", "decisions")}

    def new_task(self) -> NewTask | None:
        data = self.cleaned_data
        title = data["task_title"].strip()
        return NewTask(title, data["task_owner"], data["task_due_on"]) if title else None

    def stays(self) -> bool:
        """Whether the person goes on with the record after this (a task or a file added,
        a task marked) rather than back to the event."""
        data = self.cleaned_data
        return data["button"] in (self.ADD_TASK, self.UPLOAD) or bool(data["toggle_task"])


class PlanForm(forms.ModelForm):
    class Meta:
        model = WorkPlan
        fields = ["year", "school", "goal"]
        widgets = {"goal": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.network = network
        self.fields["year"].queryset = AcademicYear.objects.all()
        self.fields["school"].queryset = network.schools.order_by(KazakhOrder("name"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        exists = WorkPlan.objects.filter(network=self.network, year=cleaned.get("year"), school=cleaned.get("school"))
        if cleaned.get("year") and exists.exists():
            raise forms.ValidationError(_("This plan already exists."))
        return cleaned
