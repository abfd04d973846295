from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from networks.models import CHARTER_FIELDS, Group, GroupTask, Invitation, JoinRequest, Membership, Network, Role
from networks.widgets import PeoplePicker, PersonPicker, PickerMixin
from ortaq.lib.collation import KazakhOrder
from ortaq.lib.editing import VersionedForm
from ortaq.lib.widgets import DateInput
from schools.models import District, Region, School, SchoolRequest

if TYPE_CHECKING:
    from networks.permissions import Access


class CharterForm(forms.ModelForm):
    """A new network's charter (create_network); EditCharterForm edits one."""

    class Meta:
        model = Network
        fields = ["name", "kind", *CHARTER_FIELDS[1:], "charter_language", "is_listed"]
        widgets = {
            "goal": forms.Textarea(attrs={"rows": 3}),
            "tasks": forms.Textarea(attrs={"rows": 5}),
            "rules": forms.Textarea(attrs={"rows": 5}),
            "expected_results": forms.Textarea(attrs={"rows": 5}),
            "work_system": forms.Textarea(attrs={"rows": 6}),
        }


class EditCharterForm(VersionedForm, CharterForm):
    pass


class CharterTranslationForm(VersionedForm, forms.Form):
    """The charter in another interface language. Empty fields fall back to the original."""

    name = forms.CharField(label=capfirst(_("name")), max_length=200, required=False)
    goal = forms.CharField(label=capfirst(_("goal")), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    motto = forms.CharField(label=capfirst(_("motto")), max_length=255, required=False)
    tasks = forms.CharField(label=capfirst(_("tasks")), widget=forms.Textarea(attrs={"rows": 5}), required=False)
    rules = forms.CharField(label=capfirst(_("rules")), widget=forms.Textarea(attrs={"rows": 5}), required=False)
    expected_results = forms.CharField(
        label=capfirst(_("expected results")), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    work_system = forms.CharField(
        label=capfirst(_("work system")), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )

    def translation(self) -> dict[str, str]:
        return {name: self.cleaned_data[name].strip() for name in CHARTER_FIELDS if self.cleaned_data[name].strip()}


class SchoolForm(forms.Form):
    """Adds a school to the network: an existing one is found by its district and
    name, so two networks sharing a school share one record."""

    name = forms.CharField(label=capfirst(_("name of the school")), max_length=255)
    region = forms.ModelChoiceField(label=capfirst(_("region")), queryset=Region.objects.all())
    district = forms.CharField(label=capfirst(_("district or city")), max_length=120)
    district_kind = forms.ChoiceField(label=capfirst(_("district or city?")), choices=District.Kind.choices)
    language = forms.ChoiceField(label=capfirst(_("language of instruction")), choices=School.Language.choices)
    shifts = forms.TypedChoiceField(label=capfirst(_("shifts")), choices=School.Shifts.choices, coerce=int)
    leading = forms.BooleanField(label=capfirst(_("this is the leading school")), required=False)

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean_district(self) -> str:
        return " ".join(self.cleaned_data["district"].split())

    def save(self) -> School:
        data = self.cleaned_data
        district, _created = District.objects.get_or_create(
            region=data["region"], name=data["district"], defaults={"kind": data["district_kind"]}
        )
        school, _created = School.objects.get_or_create(
            district=district, name=data["name"], defaults={"language": data["language"], "shifts": data["shifts"]}
        )
        return school


class InvitationForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["email", "role", "school", "max_uses"]
        help_texts = {
            "email": _("Leave empty to make a link that you can share, for example in a school's chat."),
            "max_uses": _("For a link: how many people may use it. Empty means no limit until it expires."),
        }

    def __init__(self, *args: Any, network: Network, access: Access, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = network.schools.all()
        # Only the roles this person may give: a coordinator cannot invite a leader.
        self.fields["role"].choices = [(value, label) for value, label in Role.choices if access.can_grant(value)]
        self.network = network

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if email and Membership.objects.filter(network=self.network, user__email=email).exists():
            raise forms.ValidationError(_("This person is already a member of the network."))
        return email


class JoinRequestForm(forms.ModelForm):
    class Meta:
        model = JoinRequest
        fields = ["message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 3})}
        labels = {"message": _("A few words for the network leader (optional)")}


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=capfirst(_("role")), choices=Role.choices)


def person_label(person: User) -> str:
    # Two teachers of one name are told apart by their school.
    return f"{person.full_name} — {person.school}" if person.school_id else person.full_name


class PickedFromNetwork(forms.ModelChoiceField):
    """A choice of people of a network, picked by name (networks/widgets.py)."""

    def label_from_instance(self, obj: User) -> str:
        return person_label(obj)

    def choose_from(
        self,
        network: Network,
        people: QuerySet[User] | None = None,
        *,
        exclude: Iterable[int] = (),
        group: Group | None = None,
    ) -> None:
        """The network's active members (or ``people``, of the network all the same) are
        the choices, and the picker searches the network (or ``group``) for them."""
        self.queryset = members_of(network) if people is None else people
        if isinstance(self.widget, PickerMixin):
            self.widget.pick_from(network, exclude=exclude, group=group)


class PersonChoiceField(PickedFromNetwork, forms.ModelChoiceField):
    widget = PersonPicker


class PeopleChoiceField(PickedFromNetwork, forms.ModelMultipleChoiceField):
    widget = PeoplePicker


def choose_people(
    form: forms.BaseForm,
    name: str,
    network: Network,
    people: QuerySet[User] | None = None,
    *,
    exclude: Iterable[int] = (),
    group: Group | None = None,
) -> None:
    """``choose_from`` on a form's field of people (its type says only Field)."""
    field = form.fields[name]
    if not isinstance(field, PickedFromNetwork):
        raise TypeError(f"{name} is not a choice of people")
    field.choose_from(network, people, exclude=exclude, group=group)


def members_of(network: Network) -> QuerySet[User]:
    """The network's active members, in Kazakh alphabetical order, for a choice field."""
    return (
        User.objects.filter(memberships__network=network, is_active=True)
        .select_related("school")
        .order_by(KazakhOrder("full_name"))
    )


class GroupForm(forms.ModelForm):
    leader = PersonChoiceField(label=capfirst(_("group leader")), queryset=User.objects.none(), required=False)
    members = PeopleChoiceField(label=capfirst(_("members")), queryset=User.objects.none(), required=False)

    class Meta:
        model = Group
        fields = ["name", "kind", "description", "leader"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people: QuerySet[User] = (
            User.objects.filter(memberships__network=network)
            .select_related("school")
            .order_by(KazakhOrder("full_name"))
        )
        # Everyone who is a member, active or not: a group keeps a person whose account was closed.
        choose_people(self, "leader", network, people)
        choose_people(self, "members", network, people)
        self.network = network
        if self.instance.pk:
            self.fields["members"].initial = list(self.instance.members.values_list("pk", flat=True))

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        # Compared in Python: SQLite's iexact folds ASCII only, not «Ә» or «Т».
        others = Group.objects.filter(network=self.network).exclude(pk=self.instance.pk).values_list("name", flat=True)
        if name.casefold() in {other.casefold() for other in others}:
            raise forms.ValidationError(_("The network already has a group with this name."))
        return name


class GroupTaskForm(forms.ModelForm):
    """A group's task: what, given to which of the group's members (or nobody yet), by when."""

    assignee = PersonChoiceField(label=capfirst(_("assignee")), queryset=User.objects.none(), required=False)

    class Meta:
        model = GroupTask
        fields = ["title", "assignee", "due_on"]
        labels = {"title": capfirst(_("task"))}
        widgets = {"due_on": DateInput()}
        help_texts = {"assignee": _("A member of the group. They are told.")}

    def __init__(self, *args: Any, group: Group, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = group.members.filter(is_active=True).select_related("school").order_by(KazakhOrder("full_name"))
        if self.instance.assignee_id:
            # Someone who has left the group keeps the task until it is given to another.
            members = members | User.objects.filter(pk=self.instance.assignee_id).select_related("school")
        choose_people(self, "assignee", group.network, members.distinct(), group=group)

    def task_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ("title", "assignee", "due_on")}


class ApproveSchoolForm(forms.Form):
    """Approving a school asked for: a school of the district the approver recognises
    (the name was mistyped), or a new school with the name as it should be written."""

    existing = forms.ModelChoiceField(
        label=capfirst(_("a school already in the list")), queryset=School.objects.none(), required=False
    )
    name = forms.CharField(label=capfirst(_("name of the school")), max_length=255, required=False)
    # Only for a new school: choosing one of the list sends neither.
    language = forms.ChoiceField(
        label=capfirst(_("language of instruction")),
        choices=School.Language.choices,
        initial=School.Language.KAZAKH,
        required=False,
    )
    shifts = forms.TypedChoiceField(
        label=capfirst(_("shifts")),
        choices=School.Shifts.choices,
        coerce=int,
        initial=School.Shifts.ONE,
        required=False,
    )

    def __init__(self, *args: Any, school_request: SchoolRequest, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"name": school_request.name})
        super().__init__(*args, **kwargs)
        existing = self.fields["existing"]
        assert isinstance(existing, forms.ModelChoiceField)
        existing.queryset = school_request.district.schools.order_by(KazakhOrder("name"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("existing") and not " ".join((data.get("name") or "").split()):
            self.add_error("name", _("Write the name of the school, or choose one already in the list."))
        data["language"] = data.get("language") or School.Language.KAZAKH
        data["shifts"] = data.get("shifts") or School.Shifts.ONE
        return data


class DeclineSchoolForm(forms.Form):
    reason = forms.CharField(
        label=capfirst(_("reason, for the person")),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "The person reads it in the notice: say what to do instead, for example which school of the list is theirs."
        ),
    )
