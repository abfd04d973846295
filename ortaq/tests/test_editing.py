"""The one mechanism against lost updates (ortaq/lib/editing.py): a form carries the
version it was opened at, a save claims the next version or is refused."""

from __future__ import annotations

import datetime
import threading
import time

import pytest
from django import forms
from django.db import transaction
from django.test import RequestFactory
from django.utils import translation

from networks.forms import EditCharterForm
from networks.models import Network
from networks.tests.factories import NetworkFactory
from ortaq.lib import editing
from ortaq.testing import english_words, side_by_side

pytestmark = pytest.mark.django_db


class NoteForm(editing.VersionedForm, forms.Form):
    title = forms.CharField(label="Атауы")
    kind = forms.ChoiceField(label="Түрі", choices=[("plan", "сабақ жоспары"), ("sheet", "жұмыс парағы")])
    grades = forms.MultipleChoiceField(label="Сыныптар", choices=[("5", "5"), ("6", "6"), ("7", "7")], required=False)
    done = forms.BooleanField(label="Дайын", required=False)
    day = forms.DateField(label="Күні", required=False)
    text = forms.CharField(label="Мәтіні", widget=forms.Textarea, required=False, strip=False)


SAVED = {"title": "Жоспар", "kind": "plan", "grades": ["5", "6"], "done": False, "day": datetime.date(2026, 11, 23)}


def test_it_moves_the_version_on_only_from_the_version_the_form_was_opened_at():
    network = NetworkFactory.create()
    other_copy = Network.objects.get(pk=network.pk)
    editing.claim_version(network, 1)
    assert network.version == 2 and Network.objects.get(pk=network.pk).version == 2
    with pytest.raises(editing.StaleEdit):
        editing.claim_version(other_copy, 1)
    assert Network.objects.get(pk=network.pk).version == 2 and other_copy.version == 1


def test_it_moves_the_version_on_for_a_save_that_is_not_a_persons_form():
    network = NetworkFactory.create()
    Network.objects.filter(pk=network.pk).update(version=7)
    editing.claim_version(network, None)
    assert network.version == 8 == Network.objects.get(pk=network.pk).version


def test_it_opens_a_form_at_the_version_given_or_at_its_instance():
    assert 'name="version" value="3"' in str(NoteForm(version=3))
    network = NetworkFactory.create()
    Network.objects.filter(pk=network.pk).update(version=4)
    network.refresh_from_db()
    assert EditCharterForm(instance=network).initial_version == 4


@pytest.mark.parametrize("sent", [None, "", "abc", "99999999999"])
def test_it_takes_a_missing_or_garbled_version_for_one_that_matches_nothing(sent):
    data = {"title": "Жоспар", "kind": "plan"} | ({} if sent is None else {"version": sent})
    form = NoteForm(data, version=2)
    assert form.is_valid(), form.errors  # no error on a field nobody sees
    assert form.opened_version == 0


def test_it_reopens_a_form_with_what_was_typed_and_the_new_version():
    form = NoteForm({"title": "Менің атауым", "kind": "sheet", "version": "1"}, version=1)
    assert form.is_valid()
    form.reopen(5)
    html = str(form)
    assert 'name="version" value="5"' in html and 'value="Менің атауым"' in html


def test_it_lists_only_the_fields_that_differ_as_a_person_reads_them():
    saved = NoteForm(initial={**SAVED, "text": "бірінші жол\nекінші жол"}, version=2)
    typed = {"title": "Жоспар", "kind": "sheet", "grades": ["6", "5", "7"], "done": "on", "day": "2026-11-24"}
    yours = NoteForm({**typed, "text": "бірінші жол\r\nекінші жол\r\n", "version": "1"}, version=1)
    assert yours.is_valid()
    with translation.override("kk"):
        rows = {row.label: (row.saved, row.yours) for row in editing.differences(yours, saved)}
    assert rows == {
        "Түрі": ("сабақ жоспары", "жұмыс парағы"),
        "Сыныптар": ("5, 6", "5, 6, 7"),  # in the order offered, whatever order was sent
        "Дайын": ("жоқ", "иә"),
        "Күні": ("23.11.2026", "24.11.2026"),
    }  # the title and the text (but for its line endings) are the same


def test_it_refuses_with_status_409_and_both_versions_in_kazakh():
    saved = NoteForm(initial=SAVED, version=2)
    yours = NoteForm({"title": "Жаңа жоспар", "kind": "plan", "version": "1"}, version=1)
    assert yours.is_valid()
    request = RequestFactory().post("/")
    with translation.override("kk"):
        response = editing.refuse_stale(
            request, "_stale_edit.html", {}, form=yours, saved=saved, saved_by="Әлиева Гүлназ"
        )
    html = response.content.decode()
    assert response.status_code == 409
    assert "Жоспар" in html and "Жаңа жоспар" in html
    assert english_words(html) == set()
    assert yours["version"].value() == "2"


@pytest.mark.django_db(transaction=True)
def test_two_saves_at_once_of_one_version_let_exactly_one_through():
    """The claim is one UPDATE that holds the row until commit: the second save waits
    for the first and then finds the version gone."""
    network = NetworkFactory.create()
    first_holds = threading.Event()

    def save(holds: threading.Event | None) -> str:
        with transaction.atomic():
            editing.claim_version(Network.objects.get(pk=network.pk), 1)
            if holds:
                holds.set()
                time.sleep(0.3)  # the other save arrives meanwhile
        return "saved"

    outcomes = side_by_side(lambda: save(first_holds), lambda: save(None), first_holds)

    assert outcomes[0] == "saved" and isinstance(outcomes[1], editing.StaleEdit)
    assert Network.objects.get(pk=network.pk).version == 2
