"""The files of a form that came back with an error are kept for the next sending
(ortaq/lib/kept_uploads.py): only valid ones, only for their owner, only for a while."""

from __future__ import annotations

import datetime
import io
import os

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.http import QueryDict
from django.template.defaultfilters import filesizeformat
from django.test import override_settings
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from PIL import Image

from ortaq.lib import kept_uploads, uploads
from ortaq.lib.forms import MultipleFileField
from ortaq.lib.kept_uploads import KeepsUploads

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
OWNER, SOMEONE_ELSE = 7, 8


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "orange").save(buffer, "PNG")
    return buffer.getvalue()


class Person:
    def __init__(self, pk: int) -> None:
        self.pk = pk


class NoteForm(KeepsUploads, forms.Form):
    title = forms.CharField()
    attachments = MultipleFileField(required=False)

    keeps = {"attachments": uploads.Accepts(frozenset({uploads.DOCUMENT, uploads.IMAGE}))}

    def clean_attachments(self) -> list:
        for upload in self.cleaned_data["attachments"]:
            self.keeps["attachments"].check(upload)
        return self.cleaned_data["attachments"]


class PhotoForm(KeepsUploads, forms.Form):
    title = forms.CharField()
    photo = forms.FileField()

    keeps = {"photo": uploads.Accepts(frozenset({uploads.IMAGE}))}


def send(form_class, data: dict, files: dict | None = None, owner: int = OWNER, prefix: str | None = None):
    query = QueryDict(mutable=True)
    for key, value in data.items():
        query.setlist(key, value if isinstance(value, list) else [value])
    files = {key: value if isinstance(value, list) else [value] for key, value in (files or {}).items()}
    return form_class(query, MultiValueDict(files), owner=Person(owner), prefix=prefix)


def test_a_valid_file_outlives_an_error_elsewhere_and_the_next_sending_uses_it(media):
    first = send(NoteForm, {"title": ""}, {"attachments": [SimpleUploadedFile("жоспар.pdf", PDF)]})
    assert not first.is_valid()
    [kept] = first.kept_files["attachments"]
    assert kept.name == "жоспар.pdf" and kept.size == len(PDF)
    html = str(first["attachments"])
    assert f'name="attachments-kept" value="{kept.token}"' in html and "«жоспар.pdf»" in html

    second = send(NoteForm, {"title": "Жоспар", "attachments-kept": kept.token})  # no file sent again
    assert second.is_valid()
    [upload] = second.cleaned_data["attachments"]
    assert upload.name == "жоспар.pdf" and upload.read() == PDF
    second.forget_kept()
    assert not (media / kept.stored).exists()


def test_only_valid_files_are_kept(media):
    program = SimpleUploadedFile("сабақ.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    form = send(NoteForm, {"title": "x"}, {"attachments": [program, SimpleUploadedFile("сурет.png", png())]})
    assert not form.is_valid() and form.errors["attachments"]
    assert [kept.name for kept in form.kept_files["attachments"]] == ["сурет.png"]
    assert len(os.listdir(media / kept_uploads.FOLDER)) == 1


def test_someone_elses_kept_file_is_refused_and_left_alone(media):
    theirs = send(NoteForm, {"title": ""}, {"attachments": [SimpleUploadedFile("жоспар.pdf", PDF)]}, owner=SOMEONE_ELSE)
    theirs.is_valid()
    [kept] = theirs.kept_files["attachments"]

    mine = send(NoteForm, {"title": "Жоспар", "attachments-kept": kept.token})
    removing = send(NoteForm, {"title": "Жоспар", "attachments-kept": kept.token, "attachments-remove": kept.token})

    assert not mine.is_valid()
    assert [error.code for error in mine.errors.as_data()["attachments"]] == ["kept_gone"]
    assert mine.kept_files["attachments"] == []
    assert removing.is_valid() and removing.cleaned_data["attachments"] == []
    assert (media / kept.stored).exists()  # not removed on their behalf either


def test_a_forged_or_old_token_is_refused(media, time_machine):
    form = send(NoteForm, {"title": ""}, {"attachments": [SimpleUploadedFile("жоспар.pdf", PDF)]})
    form.is_valid()
    [kept] = form.kept_files["attachments"]
    assert kept_uploads.find(kept.token, owner_id=OWNER) == kept
    assert kept_uploads.find(kept.token[:-2] + "xx", owner_id=OWNER) is None
    assert kept_uploads.find("kept-uploads/../../settings.py", owner_id=OWNER) is None

    time_machine.shift(kept_uploads.KEEP_FOR + datetime.timedelta(minutes=1))

    assert kept_uploads.find(kept.token, owner_id=OWNER) is None


def test_a_kept_file_ticked_remove_is_deleted_and_not_used(media):
    first = send(NoteForm, {"title": ""}, {"attachments": [SimpleUploadedFile("жоспар.pdf", PDF)]})
    first.is_valid()
    [kept] = first.kept_files["attachments"]

    second = send(NoteForm, {"title": "Жоспар", "attachments-kept": kept.token, "attachments-remove": kept.token})

    assert second.is_valid() and second.cleaned_data["attachments"] == []
    assert not (media / kept.stored).exists()


def test_removing_a_kept_file_that_is_gone_meanwhile_is_no_error(media):
    form = send(NoteForm, {"title": ""}, {"attachments": [SimpleUploadedFile("жоспар.pdf", PDF)]})
    form.is_valid()
    [kept] = form.kept_files["attachments"]
    kept_uploads.discard(kept)  # pruned meanwhile

    again = send(NoteForm, {"title": "Жоспар", "attachments-kept": kept.token, "attachments-remove": kept.token})

    assert again.is_valid() and again.cleaned_data["attachments"] == []


def test_a_new_file_takes_the_place_of_a_kept_one_in_a_single_file_field(media):
    first = send(PhotoForm, {"p-title": ""}, {"p-photo": SimpleUploadedFile("бірінші.png", png())}, prefix="p")
    first.is_valid()
    [kept] = first.kept_files["photo"]
    assert 'name="p-photo-kept"' in str(first["photo"])

    second = send(
        PhotoForm,
        {"p-title": "x", "p-photo-kept": kept.token},
        {"p-photo": SimpleUploadedFile("екінші.png", png())},
        prefix="p",
    )

    assert second.is_valid() and second.cleaned_data["photo"].name == "екінші.png"
    assert not (media / kept.stored).exists()


def test_a_kept_file_satisfies_a_required_field(media):
    first = send(PhotoForm, {"title": ""}, {"photo": SimpleUploadedFile("сурет.png", png())})
    assert not first.is_valid() and "photo" not in first.errors
    [kept] = first.kept_files["photo"]
    assert "required" not in str(first["photo"])  # the browser must not ask for a file again

    second = send(PhotoForm, {"title": "Сурет", "photo-kept": kept.token})

    assert second.is_valid() and second.cleaned_data["photo"].read() == png()


@override_settings(ORTAQ_UPLOAD_LIMITS={"image": 2048, "document": 4096, "video": 10, "audio": 10})
def test_the_browser_is_told_what_to_offer_and_how_large_a_file_may_be(media):
    html = str(send(NoteForm, {"title": ""})["attachments"])
    assert 'data-max-bytes="4096"' in html  # the largest of the field's kinds; the server checks each
    assert 'accept="' in html and "application/pdf" in html and ".png" in html
    assert "data-too-large=" in html and "%(name)s" in html and filesizeformat(4096) in html


def test_old_kept_files_are_pruned_and_a_second_run_deletes_nothing(media, capsys):
    old = kept_uploads.keep(SimpleUploadedFile("ескі.pdf", PDF), owner_id=OWNER)
    new = kept_uploads.keep(SimpleUploadedFile("жаңа.pdf", PDF), owner_id=OWNER)
    long_ago = (timezone.now() - datetime.timedelta(days=2)).timestamp()
    os.utime(media / old.stored, (long_ago, long_ago))
    now = timezone.now().timestamp()
    os.utime(media / new.stored, (now, now))

    call_command("prune_kept_uploads")
    call_command("prune_kept_uploads")

    assert capsys.readouterr().out.splitlines() == ["Deleted 1 kept uploads.", "Deleted 0 kept uploads."]
    assert not (media / old.stored).exists() and (media / new.stored).exists()


def test_pruning_with_nothing_kept_yet_is_fine(media):
    assert kept_uploads.prune() == 0


@pytest.mark.parametrize("name", ["../../etc/passwd", "C:\\Users\\me\\жоспар.pdf"])
def test_the_name_shown_is_only_the_files_own(media, name):
    kept = kept_uploads.keep(SimpleUploadedFile("x.pdf", PDF), owner_id=OWNER, name=name)
    assert "/" not in kept.name and "\\" not in kept.name
    assert kept.stored.startswith(f"{kept_uploads.FOLDER}/")
