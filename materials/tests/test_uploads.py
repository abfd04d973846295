"""Uploading: files checked by content and size before anything is saved, nothing
half-saved when something fails, videos served in ranges, old versions kept."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from django.utils.translation import gettext

from materials import actions
from materials.models import LearningObjective, Material, MaterialFile, MaterialVersion
from materials.tests.factories import MP4, PDF, pdf_file, png, publish, stored_files
from networks.audiences import Visibility
from ortaq.testing import as_user

pytestmark = pytest.mark.django_db


def form_data(**overrides) -> dict:
    data = {
        "title": "Квадрат теңдеулерді шешу",
        "kind": "lesson_plan",
        "language": "kk",
        "description": "Мәтінді есептерді квадрат теңдеу арқылы шешу.",
        "visibility": "network",
        "licence": "cc-by-4.0",
        "grades": ["9"],
        "objective_codes": "9.2.2.1, 9.2.2.2",
        "tags": "ашық сабақ",
    }
    return data | overrides


def nothing_saved(media, *, kept: int = 0) -> None:
    """Nothing published; ``kept`` valid files wait for the next sending (ortaq/lib/kept_uploads.py)."""
    assert Material.objects.count() == 0
    assert MaterialVersion.objects.count() == 0
    assert MaterialFile.objects.count() == 0
    assert LearningObjective.objects.count() == 0
    assert [p.parent.name for p in stored_files(media)] == ["kept-uploads"] * kept


def publish_through_the_form(cast, files, **overrides):
    return as_user(cast.teacher).post(
        reverse("materials:create", args=[cast.network.pk]), form_data(files=files, **overrides)
    )


def test_it_publishes_a_material_with_its_files(cast, media):
    response = publish_through_the_form(cast, [pdf_file(), SimpleUploadedFile("сурет.png", png(900, 600))])
    material = Material.objects.get()
    assert response.status_code == 302 and response["Location"] == material.get_absolute_url()
    assert material.author_list() == [cast.teacher]
    assert material.grades == [9] and material.objective_codes() == ["9.2.2.1", "9.2.2.2"]
    files = list(material.current_version.files.all())
    assert [f.name for f in files] == ["сабақ жоспары.pdf", "сурет.png"]
    assert [f.family for f in files] == ["document", "image"]
    assert files[1].thumbnail  # images get a small preview
    assert len(stored_files(media)) == 3


def test_it_refuses_a_renamed_program_and_saves_nothing(cast, media):
    program = SimpleUploadedFile("жоспар.pdf", b"MZ\x90\x00" + b"\x00" * 500, "application/pdf")
    response = publish_through_the_form(cast, [pdf_file(), program])
    assert response.status_code == 200
    errors = response.context["version_form"].errors["files"]
    assert len(errors) == 1 and errors[0].startswith("«жоспар.pdf»: ")
    assert gettext("This kind of file cannot be uploaded here. Allowed: %(allowed)s.").split("%")[0] in errors[0]
    page = response.content.decode()
    assert "Мәтінді есептерді квадрат теңдеу арқылы шешу." in page  # what was typed comes back
    assert "9.2.2.1, 9.2.2.2" in page
    nothing_saved(media, kept=1)  # the valid PDF


@override_settings(ORTAQ_UPLOAD_LIMITS={"image": 10_000, "document": 100, "video": 10_000, "audio": 10_000})
def test_it_refuses_a_file_over_the_limit_of_its_kind(cast, media):
    response = publish_through_the_form(cast, [SimpleUploadedFile("сурет.png", png()), pdf_file()])
    assert response.status_code == 200
    [error] = response.context["version_form"].errors["files"]
    assert "«сабақ жоспары.pdf»" in error and "100" in error
    nothing_saved(media, kept=1)  # the image


def test_it_refuses_a_broken_image_with_a_translated_message(cast, media):
    response = publish_through_the_form(cast, [SimpleUploadedFile("сурет.png", png()[:60])])
    assert response.status_code == 200
    [error] = response.context["version_form"].errors["files"]
    assert error == "«сурет.png»: " + gettext("The image is damaged and cannot be opened.")
    nothing_saved(media)


def test_it_asks_for_a_file_or_a_link(cast, media):
    response = publish_through_the_form(cast, [])
    assert response.status_code == 200
    assert gettext("Attach at least one file, or give a link.") in response.content.decode()
    nothing_saved(media)


def test_it_keeps_what_was_typed_when_the_details_are_wrong(cast, media):
    response = publish_through_the_form(cast, [pdf_file()], title="", visibility="group")
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["title"] and len(form.errors["group"]) == 1
    page = response.content.decode()
    assert "Мәтінді есептерді квадрат теңдеу арқылы шешу." in page
    assert "«сабақ жоспары.pdf»" in page  # shown as kept: no need to choose it again
    nothing_saved(media, kept=1)


def test_the_files_kept_from_a_refused_form_are_published_without_sending_them_again(cast, media):
    client = as_user(cast.teacher)
    url = reverse("materials:create", args=[cast.network.pk])
    refused = client.post(url, form_data(files=[pdf_file(), SimpleUploadedFile("сурет.png", png())], title=""))
    kept = refused.context["version_form"].kept_files["files"]
    assert [item.name for item in kept] == ["сабақ жоспары.pdf", "сурет.png"]

    published = client.post(url, form_data(**{"files-kept": [item.token for item in kept]}))

    material = Material.objects.get()
    assert published.status_code == 302 and published["Location"] == material.get_absolute_url()
    assert material.current_version is not None
    assert [f.name for f in material.current_version.files.all()] == ["сабақ жоспары.pdf", "сурет.png"]
    assert not any(p.parent.name == "kept-uploads" for p in stored_files(media))


def test_someone_elses_kept_file_is_refused_for_a_material(cast, media):
    url = reverse("materials:create", args=[cast.network.pk])
    theirs = as_user(cast.coach).post(url, form_data(files=[pdf_file()], title=""))
    [kept] = theirs.context["version_form"].kept_files["files"]

    response = as_user(cast.teacher).post(url, form_data(**{"files-kept": kept.token}))

    assert response.status_code == 200 and response.context["version_form"].errors["files"]
    nothing_saved(media, kept=1)  # theirs, untouched


def test_a_new_version_keeps_its_files_when_the_link_is_wrong(cast, media):
    material = publish(cast)
    client = as_user(cast.teacher)
    url = reverse("materials:version_create", args=[material.pk])

    refused = client.post(url, {"files": [pdf_file("екінші.pdf")], "link": "javascript:alert(1)", "note": "Түзетілді"})
    [kept] = refused.context["form"].kept_files["files"]
    added = client.post(url, {"files-kept": kept.token, "note": "Түзетілді"})

    assert added.status_code == 302
    material.refresh_from_db()
    assert material.current_version is not None
    assert [f.name for f in material.current_version.files.all()] == ["екінші.pdf"]


def test_if_the_storage_fails_midway_no_rows_and_no_files_remain(cast, media):
    real_save = FileSystemStorage._save
    calls = []

    def failing_save(self, name, content):
        calls.append(name)
        if len(calls) == 2:
            raise OSError("disk full")
        return real_save(self, name, content)

    with mock.patch.object(FileSystemStorage, "_save", failing_save):
        response = publish_through_the_form(cast, [pdf_file(), pdf_file("екінші.pdf")])
    assert response.status_code == 200
    assert response.context["version_form"].errors["files"] == [
        gettext("The files could not be saved. Nothing was published; please try again.")
    ]
    # Two stored for the material (the second failed, the first taken back), then both kept.
    assert len(calls) == 4
    nothing_saved(media, kept=2)


def test_a_link_alone_is_enough(cast, media):
    response = publish_through_the_form(cast, [], link="https://www.youtube.com/watch?v=abc")
    assert response.status_code == 302
    assert Material.objects.get().current_version.link == "https://www.youtube.com/watch?v=abc"


def test_a_javascript_link_is_refused(cast, media):
    response = publish_through_the_form(cast, [], link="javascript:alert(1)")
    assert response.status_code == 200 and response.context["version_form"].errors["link"]
    nothing_saved(media)


# --- Serving ---------------------------------------------------------------------------------


def video_material(cast):
    return publish(cast, files=[SimpleUploadedFile("сабақ.mp4", MP4)], kind=Material.Kind.VIDEO_LESSON)


def test_a_video_plays_in_the_page_from_a_checked_url(cast):
    material = video_material(cast)
    file = material.current_version.files.get()
    page = as_user(cast.coach).get(material.get_absolute_url()).content.decode()
    assert f'<video controls preload="metadata" width="100%" src="{file.get_absolute_url()}"' in page


def test_a_video_answers_range_requests_so_a_phone_can_seek(cast):
    material = video_material(cast)
    file = material.current_version.files.get()
    client = as_user(cast.coach)
    response = client.get(file.get_absolute_url(), HTTP_RANGE="bytes=100-199")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 100-199/{len(MP4)}"
    assert response["Content-Type"] == "video/mp4"
    assert b"".join(response.streaming_content) == MP4[100:200]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Accept-Ranges"] == "bytes"


def test_a_file_is_never_compressed_so_its_ranges_stay_true(cast):
    file = video_material(cast).current_version.files.get()
    client = as_user(cast.coach)
    part = client.get(file.get_absolute_url(), HTTP_RANGE="bytes=10-29", HTTP_ACCEPT_ENCODING="gzip")
    whole = client.get(file.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip")
    assert part.status_code == 206 and whole.status_code == 200
    assert "Content-Encoding" not in part and "Content-Encoding" not in whole
    assert b"".join(part.streaming_content) == MP4[10:30]
    assert b"".join(whole.streaming_content) == MP4


def test_a_range_outside_the_video_is_416(cast):
    file = video_material(cast).current_version.files.get()
    response = as_user(cast.coach).get(file.get_absolute_url(), HTTP_RANGE=f"bytes={len(MP4) + 10}-")
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(MP4)}"


def test_a_download_comes_as_an_attachment_named_for_what_it_is(cast):
    # A PNG uploaded under a .pdf name goes back as .png with the PNG type.
    material = publish(cast, files=[SimpleUploadedFile("жоспар.pdf", png())])
    file = material.current_version.files.get()
    response = as_user(cast.coach).get(file.get_absolute_url() + "?download=1")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''%D0%B6%D0%BE%D1%81%D0%BF%D0%B0%D1%80.png" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    thumbnail = as_user(cast.coach).get(reverse("materials:thumbnail", args=[file.pk]))
    assert thumbnail.status_code == 200 and thumbnail["Content-Type"] == "image/jpeg"


def test_files_of_a_public_material_are_served_to_anyone(cast):
    material = publish(cast, visibility=Visibility.PUBLIC)
    file = material.current_version.files.get()
    response = Client().get(file.get_absolute_url())
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF


# --- Versions ----------------------------------------------------------------------------------


def test_a_new_version_keeps_the_old_one_and_its_files(cast, media):
    material = publish(cast, by=cast.teacher)
    first = material.current_version
    old_file = first.files.get()
    response = as_user(cast.teacher).post(
        reverse("materials:version_create", args=[material.pk]),
        {"files": [pdf_file("жоспар, 2-нұсқа.pdf")], "note": "Дескрипторлар қосылды"},
    )
    assert response.status_code == 302
    material.refresh_from_db()
    assert material.current_version.number == 2
    assert material.current_version.note == "Дескрипторлар қосылды"
    assert list(material.versions.values_list("number", flat=True)) == [2, 1]
    assert MaterialFile.objects.filter(pk=old_file.pk).exists()
    assert old_file.file.storage.exists(old_file.file.name)
    page = as_user(cast.coach).get(material.get_absolute_url())
    assert page.context["current"].number == 2
    assert [v.number for v in page.context["older_versions"]] == [1]
    assert "Дескрипторлар қосылды" not in page.context["older_versions"][0].note
    assert as_user(cast.coach).get(old_file.get_absolute_url()).status_code == 200
    assert len(stored_files(media)) == 2


def test_a_refused_new_version_changes_nothing(cast, media):
    material = publish(cast, by=cast.teacher)
    before = stored_files(media)
    response = as_user(cast.teacher).post(
        reverse("materials:version_create", args=[material.pk]),
        {"files": [SimpleUploadedFile("a.pdf", b"MZ" + b"\x00" * 100)], "note": "2"},
    )
    assert response.status_code == 200 and response.context["form"].errors["files"]
    material.refresh_from_db()
    assert material.current_version.number == 1 and material.versions.count() == 1
    assert stored_files(media) == before


def test_deleting_a_material_removes_its_files_after_the_commit(cast, media, django_capture_on_commit_callbacks):
    material = publish(cast, by=cast.teacher, files=[pdf_file(), SimpleUploadedFile("a.png", png())])
    actions.add_version(material, by=cast.teacher, files=actions.validate_files([pdf_file()]))
    assert len(stored_files(media)) == 4
    client = as_user(cast.teacher)
    confirm = client.get(reverse("materials:delete", args=[material.pk]))
    assert confirm.status_code == 200 and Material.objects.exists()  # asking deletes nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = as_user(cast.teacher).post(reverse("materials:delete", args=[material.pk]), {"confirmed": "yes"})
    assert response.status_code == 302
    assert Material.objects.count() == 0 and MaterialFile.objects.count() == 0
    assert stored_files(media) == []
