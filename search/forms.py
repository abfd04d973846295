from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from networks.models import Network
from ortaq.lib.collation import KazakhOrder
from search.models import GRADES, SearchDocument
from search.query import Filters
from search.text import MAX_QUERY_CHARS
from subjects.models import Subject

MAX_PAGE = 50


class SearchForm(forms.Form):
    """The query and its filters, read from the address (GET). A filter that does not
    validate is left out of the search rather than failing it."""

    q = forms.CharField(
        label=capfirst(_("search for")), max_length=MAX_QUERY_CHARS, required=False, widget=forms.SearchInput
    )
    kind = forms.ChoiceField(
        label=capfirst(_("kind")),
        choices=[("", _("Everything")), *SearchDocument.Kind.choices],
        required=False,
    )
    network = forms.TypedChoiceField(label=capfirst(_("network")), coerce=int, required=False, empty_value=None)
    subject = forms.TypedChoiceField(label=capfirst(_("subject")), coerce=int, required=False, empty_value=None)
    grade = forms.TypedChoiceField(
        label=capfirst(_("grade")),
        choices=[("", _("All grades")), *((str(grade), str(grade)) for grade in GRADES)],
        coerce=int,
        required=False,
        empty_value=None,
    )
    date_from = forms.DateField(
        label=capfirst(_("from")),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=capfirst(_("until")),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    page = forms.IntegerField(min_value=1, max_value=MAX_PAGE, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        networks = Network.objects.visible_to(user).order_by(KazakhOrder("name")).values_list("pk", "name")
        self.fields["network"].choices = [("", _("All my networks")), *networks]
        subjects = Subject.objects.all()
        self.fields["subject"].choices = [("", _("All subjects")), *((s.pk, s.name) for s in subjects)]

    FILTERS = ("kind", "network", "subject", "grade", "date_from", "date_to")

    @property
    def chosen_filters(self) -> int:
        """How many filters the address sets, valid or not (one that is wrong must be
        seen to be corrected): the page shows the filters open when there are any."""
        return sum(1 for name in self.FILTERS if str(self.data.get(name) or "").strip())

    @property
    def has_networks(self) -> bool:
        return len(self.fields["network"].choices) > 1

    def filters(self) -> Filters:
        """The valid filters; the others are left out."""
        self.is_valid()  # the fields that do not validate are left out of cleaned_data
        data = self.cleaned_data
        kind = data.get("kind")
        return Filters(
            kinds=(kind,) if kind else None,
            network_id=data.get("network"),
            subject_id=data.get("subject"),
            grade=data.get("grade"),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )

    def query(self) -> str:
        self.is_valid()
        return self.cleaned_data.get("q") or ""

    def page_number(self) -> int:
        self.is_valid()
        return self.cleaned_data.get("page") or 1
