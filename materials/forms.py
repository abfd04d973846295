from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from materials import actions
from materials.models import (
    EDITABLE_FIELDS,
    GRADES,
    OBJECTIVE_MAX_LENGTH,
    TAG_MAX_LENGTH,
    Collection,
    Material,
    MaterialQuerySet,
    split_objective_codes,
    split_tags,
)
from networks.forms import PeopleChoiceField, choose_people, members_of
from networks.models import Group, Network, NetworkSchool
from ortaq.lib import uploads
from ortaq.lib.collation import KazakhOrder
from ortaq.lib.editing import VersionedForm
from ortaq.lib.forms import MultipleFileField
from ortaq.lib.kept_uploads import KeepsUploads
from schools.models import School
from subjects.models import Subject

GRADE_CHOICES = [(grade, str(grade)) for grade in GRADES]
MAX_OBJECTIVES = 30
MAX_TAGS = 15


def visible_groups(network: Network, user: User, *, organiser: bool) -> QuerySet[Group]:
    """The groups someone may show a thing to: their own; organisers, every group."""
    groups = network.groups.order_by(KazakhOrder("name"))
    return groups if organiser or user.is_superuser else groups.filter(members=user)


class MaterialForm(forms.ModelForm):
    grades = forms.TypedMultipleChoiceField(
        label=capfirst(_("grades")),
        choices=GRADE_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("0 is the pre-school class."),
    )
    objective_codes = forms.CharField(
        label=capfirst(_("learning objectives")),
        required=False,
        max_length=2000,
        help_text=_("Codes of the curriculum, separated by commas: 7.2.1.1, 7.2.1.2"),
    )
    tags = forms.CharField(
        label=capfirst(_("tags")),
        required=False,
        max_length=1000,
        help_text=_("Separated by commas: dialogic teaching, inclusive education"),
    )
    coauthors = PeopleChoiceField(
        label=capfirst(_("co-authors")),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Colleagues who wrote it with you. You are the first author."),
    )

    # Rendered one by one in material_form.html (the check boxes need their own layout).
    field_order = [
        "title",
        "kind",
        "subject",
        "grades",
        "language",
        "objective_codes",
        "description",
        "tags",
        "coauthors",
        "school",
        "visibility",
        "group",
        "licence",
    ]
    CHECKBOXES = ("grades",)

    class Meta:
        model = Material
        fields = EDITABLE_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args: Any, network: Network, user: User, organiser: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.network = network
        self.instance.network = network
        self.fields["subject"].queryset = Subject.objects.all()
        self.fields["subject"].empty_label = _("— no particular subject —")
        self.fields["group"].queryset = visible_groups(network, user, organiser=organiser)
        self.fields["group"].empty_label = _("— choose a group —")
        self.fields["group"].help_text = _("Only for «a group of the network».")
        self.fields["school"].empty_label = "—"
        # The network's schools and the person's own (a subquery: a join would list a
        # school once per network it belongs to).
        self.fields["school"].queryset = School.objects.filter(
            Q(pk__in=NetworkSchool.objects.filter(network=network).values("school_id")) | Q(pk=user.school_id)
        ).order_by(KazakhOrder("name"))
        lead = self.instance.authorships.first() if self.instance.pk else None
        first_author = lead.user_id if lead else user.pk
        choose_people(self, "coauthors", network, members_of(network).exclude(pk=first_author), exclude=[first_author])
        if self.instance.pk:
            self.initial.setdefault("grades", self.instance.grades)
            self.initial.setdefault("objective_codes", ", ".join(self.instance.objective_codes()))
            self.initial.setdefault("tags", ", ".join(self.instance.tag_names()))
            self.initial.setdefault(
                "coauthors", [a.user_id for a in self.instance.authorships.all() if a.user_id != first_author]
            )
        else:
            self.initial.setdefault("school", user.school_id)
            self.initial.setdefault("language", network.charter_language)

    def clean_title(self) -> str:
        return " ".join(self.cleaned_data["title"].split())

    def clean_objective_codes(self) -> list[str]:
        codes = split_objective_codes(self.cleaned_data["objective_codes"])
        too_long = [code for code in codes if len(code) > OBJECTIVE_MAX_LENGTH]
        if too_long:
            raise ValidationError(
                _("A code is at most %(max)d characters long: %(codes)s")
                % {"max": OBJECTIVE_MAX_LENGTH, "codes": ", ".join(too_long)}
            )
        if len(codes) > MAX_OBJECTIVES:
            raise ValidationError(_("Give at most %(max)d codes.") % {"max": MAX_OBJECTIVES})
        return codes

    def clean_tags(self) -> list[str]:
        tags = split_tags(self.cleaned_data["tags"])
        too_long = [tag for tag in tags if len(tag) > TAG_MAX_LENGTH]
        if too_long:
            raise ValidationError(
                _("A tag is at most %(max)d characters long: %(tags)s")
                % {"max": TAG_MAX_LENGTH, "tags": ", ".join(too_long)}
            )
        if len(tags) > MAX_TAGS:
            raise ValidationError(_("Give at most %(max)d tags.") % {"max": MAX_TAGS})
        return tags

    def lists(self) -> dict[str, Any]:
        """What the actions take besides the model's own fields."""
        data = self.cleaned_data
        return {
            "grades": data["grades"],
            "objective_codes": data["objective_codes"],
            "tags": data["tags"],
            "coauthors": list(data["coauthors"]),
        }

    def material_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class EditMaterialForm(VersionedForm, MaterialForm):
    pass


class VersionForm(KeepsUploads, forms.Form):
    """The files of a version: checked by content and size here, stored by the action."""

    keeps = {"files": uploads.Accepts(frozenset(actions.FAMILIES))}

    files = MultipleFileField(
        label=capfirst(_("files")),
        required=False,
        help_text=_("Documents, presentations, pictures, audio or video; you can choose several."),
    )
    link = forms.URLField(
        label=capfirst(_("link")),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Or instead: a link to the material elsewhere (a video, an online document)."),
    )
    note = forms.CharField(label=capfirst(_("what changed")), required=False, max_length=500)

    def __init__(self, *args: Any, first: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if first:
            del self.fields["note"]

    def clean_files(self) -> list[actions.Upload]:
        return actions.validate_files(self.cleaned_data["files"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.errors and not data.get("files") and not data.get("link"):
            raise ValidationError(_("Attach at least one file, or give a link."), code="empty")
        return data


class CommentForm(forms.Form):
    body = forms.CharField(
        label=capfirst(_("comment")),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Markdown: **bold**, *italic*, lists, links."),
    )

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].strip()
        if not body:
            raise ValidationError(_("Write something first."))
        return body


class CollectionForm(forms.ModelForm):
    class Meta:
        model = Collection
        fields = ["title", "description", "visibility", "group"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args: Any, network: Network, user: User, organiser: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.network = network
        self.fields["group"].queryset = visible_groups(network, user, organiser=organiser)
        self.fields["group"].empty_label = _("— choose a group —")
        self.fields["group"].help_text = _("Only for «a group of the network».")

    def clean_title(self) -> str:
        return " ".join(self.cleaned_data["title"].split())


class CollectForm(forms.Form):
    """Adds a material to one of the person's collections."""

    collection = forms.ModelChoiceField(label=capfirst(_("collection")), queryset=Collection.objects.none())
    note = forms.CharField(label=capfirst(_("note")), required=False, max_length=300)

    def __init__(self, *args: Any, collections: QuerySet[Collection], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["collection"].queryset = collections


class LibraryFilterForm(forms.Form):
    """The filters of a library list. A value that is not valid (a subject removed
    since the link was shared) is dropped rather than refused."""

    subject = forms.ModelChoiceField(
        label=capfirst(_("subject")), queryset=Subject.objects.all(), to_field_name="code", required=False
    )
    grade = forms.TypedChoiceField(
        label=capfirst(_("grade")), choices=[("", _("All grades")), *GRADE_CHOICES], coerce=int, required=False
    )
    kind = forms.ChoiceField(
        label=capfirst(_("kind")), choices=[("", _("All kinds")), *Material.Kind.choices], required=False
    )
    language = forms.ChoiceField(
        label=capfirst(_("language")), choices=[("", _("All languages")), *Material.Language.choices], required=False
    )
    objective = forms.CharField(
        label=capfirst(_("learning objective")), required=False, max_length=OBJECTIVE_MAX_LENGTH
    )
    tag = forms.CharField(label=capfirst(_("tag")), required=False, max_length=TAG_MAX_LENGTH)
    network = forms.ModelChoiceField(label=capfirst(_("network")), queryset=Network.objects.none(), required=False)

    def __init__(self, *args: Any, networks: QuerySet[Network] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["subject"].empty_label = _("All subjects")
        if networks is None:
            del self.fields["network"]
        else:
            self.fields["network"].queryset = networks
            self.fields["network"].empty_label = _("All my networks")

    def values(self) -> dict[str, Any]:
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}

    def apply(self, materials: MaterialQuerySet) -> MaterialQuerySet:
        values = self.values()
        if "subject" in values:
            materials = materials.filter(subject=values["subject"])
        if "grade" in values:
            materials = materials.with_grade(values["grade"])
        if "kind" in values:
            materials = materials.filter(kind=values["kind"])
        if "language" in values:
            materials = materials.filter(language=values["language"])
        if "objective" in values:
            codes = split_objective_codes(values["objective"])
            if codes:
                materials = materials.with_objective(codes[0])
        if "tag" in values:
            tags = split_tags(values["tag"])
            if tags:
                materials = materials.filter(tags__name=tags[0])
        if "network" in values:
            materials = materials.filter(network=values["network"])
        return materials

    def query(self) -> dict[str, str]:
        """The chosen filters as they go into a link (for the next page)."""
        values = self.values()
        out = {}
        for name, value in values.items():
            if name == "subject":
                out[name] = value.code
            elif name == "network":
                out[name] = str(value.pk)
            else:
                out[name] = str(value)
        return out
