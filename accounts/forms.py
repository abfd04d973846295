from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts import throttle
from accounts.models import ApiToken, Certification, User, normalize_email
from ortaq.lib import uploads
from ortaq.lib.collation import KazakhOrder
from ortaq.lib.kept_uploads import KeepsUploads
from ortaq.lib.views import client_address
from schools import names
from schools.models import District, School, SchoolRequest
from subjects.models import Subject


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )

    def clean_username(self) -> str:
        return normalize_email(self.cleaned_data["username"])

    def clean(self) -> dict[str, Any]:
        # Waiting is said the same way whether the account exists and the password is
        # right or not: it tells a guesser nothing.
        wait = throttle.wait_for(self.cleaned_data.get("username"), client_address(self.request))
        if wait:
            raise forms.ValidationError(
                _("Too many attempts to sign in. Try again in %(minutes)s minutes.")
                % {"minutes": throttle.minutes(wait)},
                code="throttled",
            )
        return super().clean()


class SignupForm(forms.Form):
    """The first step: a name and an address. Whether an account has the address is
    not said here (accounts/signups.py answers every address alike)."""

    full_name = forms.CharField(label=capfirst(_("full name")), max_length=200)
    email = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"}), max_length=254
    )

    def clean_email(self) -> str:
        return normalize_email(self.cleaned_data["email"])


class SchoolChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: School) -> str:
        return f"{obj.name} ({obj.district.name})"


class DistrictChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: District) -> str:
        return f"{obj.name} ({obj.region.name})"


def school_field() -> SchoolChoiceField:
    return SchoolChoiceField(
        label=capfirst(_("school")),
        queryset=School.objects.select_related("district").order_by(KazakhOrder("name")),
        required=False,
    )


class AsksForSchool(forms.BaseForm):
    """A form with a ``school`` chosen from the list, and, for a person whose school is
    not in it, its name and district to ask for (schools.SchoolRequest): a network
    leader of the district or an administrator adds it, and it becomes their school.
    A name that is a school of the district written another way is that school. A
    person with a request waiting (``pending``) is not asked again."""

    def __init__(self, *args: Any, pending: SchoolRequest | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pending = pending
        self.found_in_list: School | None = None
        if pending is None:
            self.fields["new_school"] = forms.CharField(
                label=capfirst(_("name of your school")), max_length=255, required=False
            )
            self.fields["new_school_district"] = DistrictChoiceField(
                label=capfirst(_("its district or city")),
                queryset=District.objects.select_related("region"),
                required=False,
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        name = " ".join((data.get("new_school") or "").split())
        district = data.get("new_school_district")
        data["new_school"] = name
        if self.pending is not None or not (name or district):
            return data
        if not name:
            self.add_error("new_school", _("Write the name of your school."))
        if not district:
            self.add_error("new_school_district", _("Choose the district or city of your school."))
        if data.get("school"):
            self.add_error("new_school", _("Choose your school in the list or ask for a new one, not both."))
        if name and district and not self.errors:
            self.found_in_list = names.same_named(name, district.schools.all())
            if self.found_in_list is not None:
                data["school"], data["new_school"] = self.found_in_list, ""
        return data

    def asked_school(self) -> tuple[str, District] | None:
        """The name and district to ask for, when the school is not in the list."""
        name = self.cleaned_data.get("new_school")
        return (name, self.cleaned_data["new_school_district"]) if name else None


class SignupPasswordForm(AsksForSchool, forms.Form):
    """The second step, from the link in the e-mail: the password of the new account,
    and the person's school (or the one they ask for)."""

    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    school = school_field()

    def __init__(self, *args: Any, person: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        password_validation.validate_password(password, self.person)
        return password


class ProfileForm(AsksForSchool, forms.ModelForm):
    school = school_field()
    subjects = forms.ModelMultipleChoiceField(
        label=capfirst(_("subjects")),
        queryset=Subject.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = User
        fields = ["full_name", "school", "position", "subjects", "category", "language"]


# Content, not the file name, decides: a renamed .exe stays refused.
CERTIFICATE = uploads.Accepts(
    frozenset({uploads.DOCUMENT, uploads.IMAGE}),
    types=frozenset({"application/pdf", "image/jpeg", "image/png"}),
    limit_setting="ORTAQ_CERTIFICATE_MAX_BYTES",
)


class CertificationForm(KeepsUploads, forms.ModelForm):
    keeps = {"file": CERTIFICATE}

    class Meta:
        model = Certification
        fields = ["kind", "level", "title", "year", "file"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("PDF, JPEG or PNG, up to %(size)s.") % {
            "size": filesizeformat(CERTIFICATE.max_bytes())
        }

    def clean_file(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("file")
        if not upload or not isinstance(upload, UploadedFile):
            return upload
        detected = CERTIFICATE.check(upload)  # content, size, and pixels for those who open it
        upload.name = f"certificate.{detected.extension}"
        return upload


class ApiTokenForm(forms.Form):
    DAYS = [(30, _("30 days")), (90, _("90 days")), (365, _("a year"))]

    name = forms.CharField(
        label=_("What it is for"),
        max_length=100,
        help_text=_("For example: the school's information system, or a report in Excel."),
    )
    scope = forms.ChoiceField(label=_("Access"), choices=ApiToken.Scope.choices, initial=ApiToken.Scope.READ)
    days = forms.TypedChoiceField(label=_("Valid for"), choices=DAYS, coerce=int, initial=90)
