from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.text import Truncator, format_lazy
from django.utils.translation import gettext_lazy as _

from events.models import Event
from networks.models import Group, Network
from ortaq.lib.editing import VersionedForm
from ortaq.lib.forms import model_choices
from schools.models import School
from surveys.models import (
    LANGUAGES,
    Audience,
    Breakdown,
    Instrument,
    InstrumentKind,
    Item,
    ItemKind,
    Scale,
    Section,
    Survey,
    TranslationStatus,
    in_language,
)


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


# --- The questionnaire editor ---------------------------------------------------------------------

LANGUAGE_NAMES = {"kk": _("in Kazakh"), "ru": _("in Russian"), "en": _("in English")}
OPTION_KINDS = (ItemKind.SINGLE, ItemKind.MULTIPLE, ItemKind.RANKING)
SCALE_KINDS = (ItemKind.LIKERT, ItemKind.MATRIX)
# A translation is written as a draft, then reviewed; "missing" is what an empty text is.
STATUSES = (TranslationStatus.DRAFT, TranslationStatus.REVIEWED)


def in_three(
    form: forms.BaseForm, name: str, label: Any, *, textarea: bool = False, required: bool = True, **kw: Any
) -> None:
    """Three fields ``<name>_kk``, ``_ru``, ``_en``: the Kazakh one is the source, the
    others its translations (a respondent without one reads the Kazakh)."""
    for language in LANGUAGES:
        widget = forms.Textarea(attrs={"rows": kw.get("rows", 2)}) if textarea else forms.TextInput
        form.fields[f"{name}_{language}"] = forms.CharField(
            label=format_lazy("{} ({})", label, LANGUAGE_NAMES[language]),
            required=required and language == "kk",
            max_length=kw.get("max_length", 2000),
            widget=widget,
            help_text=kw.get("help_text", "") if language == "kk" else "",
        )


def texts_of(data: dict[str, Any], name: str) -> dict[str, str]:
    return {language: data[f"{name}_{language}"].strip() for language in LANGUAGES if data.get(f"{name}_{language}")}


def initial_texts(name: str, texts: dict[str, str] | None) -> dict[str, str]:
    return {f"{name}_{language}": (texts or {}).get(language, "") for language in LANGUAGES}


class InstrumentForm(VersionedForm, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=InstrumentKind.choices, initial=InstrumentKind.CUSTOM)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        in_three(self, "title", _("Title"), max_length=255)
        in_three(self, "description", _("Description"), textarea=True, required=False, rows=3)

    @staticmethod
    def initial_of(instrument: Instrument) -> dict[str, Any]:
        return {
            "kind": instrument.kind,
            **initial_texts("title", instrument.title),
            **initial_texts("description", instrument.description),
        }

    def fields_for_action(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"kind": data["kind"], "title": texts_of(data, "title"), "description": texts_of(data, "description")}


class SectionForm(VersionedForm, forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        in_three(self, "title", _("Title"), max_length=255)
        in_three(self, "intro", _("Introduction"), textarea=True, required=False)

    @staticmethod
    def initial_of(section: Section) -> dict[str, Any]:
        return {**initial_texts("title", section.title), **initial_texts("intro", section.intro)}

    def fields_for_action(self) -> dict[str, Any]:
        return {"title": texts_of(self.cleaned_data, "title"), "intro": texts_of(self.cleaned_data, "intro")}


class ScaleChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        points = " · ".join(point.tr("label") for point in obj.points.all())
        return f"{obj.tr()}: {points}"


class ItemForm(VersionedForm, forms.Form):
    """One question. The fields shown follow its kind (``chosen_kind``: the one sent, else
    the one it has), so a page without script asks only what that kind needs; changing
    the kind draws the form again with the new kind's fields, keeping what was typed."""

    kind = forms.ChoiceField(label=_("Kind of question"), choices=ItemKind.choices)
    code = forms.SlugField(
        label=_("Code"),
        max_length=40,
        help_text=_("Latin letters, digits, - and _; unique in the questionnaire. Conditions and exports use it."),
    )
    required = forms.BooleanField(label=_("An answer is required"), required=False)
    scale = ScaleChoiceField(label=_("Scale"), queryset=Scale.objects.none(), required=False)
    number_min = forms.IntegerField(label=_("Smallest number"), required=False)
    number_max = forms.IntegerField(label=_("Largest number"), required=False)
    breakdown = forms.ChoiceField(
        label=_("The answer groups the results by"),
        choices=Breakdown.choices,
        required=False,
        help_text=_("For a question on the respondent's school or role in an anonymous survey."),
    )
    show_if_item = forms.ChoiceField(label=_("Show only if the question"), required=False)
    show_if_values = forms.CharField(
        label=_("is answered with one of"),
        required=False,
        max_length=300,
        help_text=_("The codes of its choices, separated by commas."),
    )
    show_if_min = forms.FloatField(label=_("or with a number of at least"), required=False)
    show_if_max = forms.FloatField(label=_("and at most"), required=False)
    construct = forms.SlugField(
        label=_("Construct"), max_length=60, required=False, help_text=_("Such as «self_efficacy».")
    )
    subscale = forms.SlugField(
        label=_("Subscale"), max_length=60, required=False, help_text=_("Such as «se_instruction».")
    )
    reverse_keyed = forms.BooleanField(
        label=_("Reverse-keyed"),
        required=False,
        help_text=_("Agreeing means less of the construct: the score is turned round."),
    )

    def __init__(self, *args: Any, others: list[Item], statement: bool = False, kind: str = "", **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.statement = statement
        in_three(self, "text", _("Question"), textarea=True, max_length=2000)
        in_three(self, "help", _("Help under the question"), required=False, max_length=500)
        for language in LANGUAGES[1:]:
            self.fields[f"status_{language}"] = forms.ChoiceField(
                label=format_lazy("{} ({})", _("Translation"), LANGUAGE_NAMES[language]),
                choices=[(status.value, status.label) for status in STATUSES],
                initial=TranslationStatus.DRAFT,
                required=False,
            )
        in_three(
            self,
            "options",
            _("Choices"),
            textarea=True,
            required=False,
            rows=5,
            max_length=5000,
            help_text=_("One choice a line; the other languages' lines in the same order."),
        )
        model_choices(self, "scale").queryset = Scale.objects.prefetch_related("points")
        choice_field(self, "show_if_item").choices = [("", "—")] + [
            (item.code, f"{item.code} · {Truncator(in_language(item.text)).chars(60)}") for item in others
        ]
        self.others = {item.code: item for item in others}
        if statement:
            # A matrix's statement is a point on the matrix's scale.
            choice_field(self, "kind").choices = [(ItemKind.LIKERT, ItemKind.LIKERT.label)]
            self.fields["kind"].widget = forms.HiddenInput()
            del self.fields["scale"]
        sent = self.data.get(self.add_prefix("kind")) if self.is_bound else None
        self.chosen_kind = str(sent or kind or self.initial.get("kind") or ItemKind.SINGLE)
        if statement:
            self.chosen_kind = ItemKind.LIKERT

    @property
    def shows(self) -> set[str]:
        """The groups of fields the kind asks for (the template draws these)."""
        kind = self.chosen_kind
        groups = {"texts"}
        if kind != ItemKind.MATRIX:
            groups |= {"required", "condition"}
        if kind in OPTION_KINDS:
            groups.add("options")
        if kind in SCALE_KINDS and not self.statement:
            groups.add("scale")
        if kind == ItemKind.NUMBER:
            groups.add("bounds")
        if kind in (ItemKind.LIKERT, ItemKind.NUMBER, ItemKind.SINGLE, ItemKind.MULTIPLE):
            groups.add("tags")
        if kind == ItemKind.LIKERT:
            groups.add("reverse")
        if kind in (ItemKind.SINGLE, ItemKind.SCHOOL):
            groups.add("breakdown")
        return groups

    @staticmethod
    def initial_of(item: Item) -> dict[str, Any]:
        condition = item.show_if or {}
        initial: dict[str, Any] = {
            "kind": item.kind,
            "code": item.code,
            "required": item.required,
            "scale": item.scale_id,
            "number_min": item.number_min,
            "number_max": item.number_max,
            "breakdown": item.breakdown,
            "show_if_item": condition.get("item", ""),
            "show_if_values": ", ".join(str(value) for value in condition.get("in", [])),
            "show_if_min": condition.get("gte"),
            "show_if_max": condition.get("lte"),
            "construct": item.construct,
            "subscale": item.subscale,
            "reverse_keyed": item.reverse_keyed,
            **initial_texts("text", item.text),
            **initial_texts("help", item.help),
        }
        for language in LANGUAGES:
            initial[f"options_{language}"] = "\n".join(
                (option.get("label") or {}).get(language, "") for option in item.options
            ).rstrip("\n")
        for language in LANGUAGES[1:]:
            status = (item.translation or {}).get(language)
            initial[f"status_{language}"] = status if status == TranslationStatus.REVIEWED else TranslationStatus.DRAFT
        return initial

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind") or self.chosen_kind
        shows = self.shows
        if "options" in shows:
            lines = {language: lines_of(data.get(f"options_{language}", "")) for language in LANGUAGES}
            if not lines["kk"]:
                self.add_error("options_kk", _("Give the choices, one a line."))
            for language in LANGUAGES[1:]:
                if lines[language] and len(lines[language]) != len(lines["kk"]):
                    self.add_error(
                        f"options_{language}",
                        _("Give as many lines as in Kazakh (%(count)d), in the same order.")
                        % {"count": len(lines["kk"])},
                    )
        if "scale" in shows and not data.get("scale"):
            self.add_error("scale", _("A question on a scale needs its scale."))
        low, high = data.get("number_min"), data.get("number_max")
        if "bounds" in shows and low is not None and high is not None and low > high:
            self.add_error("number_max", _("The largest number must not be smaller than the smallest."))
        code = data.get("show_if_item")
        if "condition" in shows and code:
            other = self.others.get(code)
            values = [value.strip() for value in data.get("show_if_values", "").split(",") if value.strip()]
            at_least, at_most = data.get("show_if_min"), data.get("show_if_max")
            if (other is not None and other.is_choice) or (other is not None and other.kind == ItemKind.SCHOOL):
                if not values:
                    self.add_error("show_if_values", _("Give the codes of the answers that show this question."))
                known = {str(option.get("value")) for option in other.options}
                unknown = [value for value in values if known and value not in known]
                if unknown:
                    self.add_error(
                        "show_if_values",
                        _("«%(code)s» has no choice with the code %(values)s. Its choices: %(known)s.")
                        % {"code": code, "values": ", ".join(unknown), "known": ", ".join(sorted(known))},
                    )
            elif other is not None and not values and at_least is None and at_most is None:
                self.add_error("show_if_min", _("Give the answers, or the numbers, that show this question."))
        data["kind"] = kind
        return data

    def fields_for_action(self, existing: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        """The item's fields as the action takes them; what the kind does not ask is emptied."""
        data = self.cleaned_data
        shows = self.shows
        texts = texts_of(data, "text")
        fields: dict[str, Any] = {
            "kind": data["kind"],
            "code": data["code"],
            "text": texts,
            "help": texts_of(data, "help"),
            "translation": {
                language: (data.get(f"status_{language}") or TranslationStatus.DRAFT)
                if texts.get(language)
                else TranslationStatus.MISSING
                for language in LANGUAGES[1:]
            },
            "required": bool(data.get("required")) and "required" in shows,
            "options": options_of(data, existing or []) if "options" in shows else [],
            "number_min": data.get("number_min") if "bounds" in shows else None,
            "number_max": data.get("number_max") if "bounds" in shows else None,
            "show_if": self.condition() if "condition" in shows else {},
            "construct": data.get("construct", "") if "tags" in shows else "",
            "subscale": data.get("subscale", "") if "tags" in shows else "",
            "reverse_keyed": bool(data.get("reverse_keyed")) and "reverse" in shows,
            "breakdown": data.get("breakdown", "") if "breakdown" in shows else "",
        }
        if not self.statement:
            fields["scale"] = data.get("scale") if "scale" in shows else None
        return fields

    def condition(self) -> dict[str, Any]:
        data = self.cleaned_data
        code = data.get("show_if_item")
        if not code:
            return {}
        values = [value.strip() for value in data.get("show_if_values", "").split(",") if value.strip()]
        if values:
            return {"item": code, "in": values}
        condition: dict[str, Any] = {"item": code}
        if data.get("show_if_min") is not None:
            condition["gte"] = data["show_if_min"]
        if data.get("show_if_max") is not None:
            condition["lte"] = data["show_if_max"]
        return condition


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{name} is not a choice")
    return field


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in str(text or "").splitlines() if line.strip()]


def options_of(data: dict[str, Any], existing: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The choices, line by line. A line keeps the code its place had, so answers and
    conditions keep meaning it; a new line gets the next unused number."""
    lines = {language: lines_of(data.get(f"options_{language}", "")) for language in LANGUAGES}
    taken = {str(option.get("value")) for option in existing}
    options = []
    for index, label in enumerate(lines["kk"]):
        if index < len(existing):
            value = str(existing[index].get("value"))
        else:
            number = index + 1
            while str(number) in taken:
                number += 1
            value = str(number)
            taken.add(value)
        texts = {"kk": label}
        for language in LANGUAGES[1:]:
            if index < len(lines[language]):
                texts[language] = lines[language][index]
        options.append({"value": value, "label": texts})
    return options
