from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.fields.files import FieldFile
from django.test import RequestFactory, override_settings
from PIL import Image

from ortaq.lib import uploads

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "orange").save(buffer, "PNG")
    return buffer.getvalue()


def test_it_recognises_files_by_content_not_by_name():
    detected = uploads.detect(SimpleUploadedFile("суреттер.pdf", png(), "application/pdf"), {"image", "document"})
    assert (detected.mime, detected.family, detected.extension) == ("image/png", "image", "png")


def test_it_refuses_a_renamed_program_with_a_message():
    program = SimpleUploadedFile("сабақ.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    with pytest.raises(ValidationError) as error:
        uploads.detect(program, {"document"})
    assert error.value.code == "type"


def test_it_takes_a_csv_only_where_a_table_is_asked_for():
    table = "Аты-жөні;Электрондық пошта\r\nӘлиева Гүлназ;g@mektep.kz\r\n".encode()
    detected = uploads.detect(SimpleUploadedFile("тізім.txt", table), {"document", "table"})
    assert (detected.mime, detected.family, detected.extension) == ("text/csv", "table", "csv")
    assert uploads.detect(SimpleUploadedFile("a.csv", "ФИО\r\n".encode("cp1251")), {"table"}).mime == "text/csv"
    assert uploads.detect(SimpleUploadedFile("a.csv", "ФИО\r\n".encode("utf-16")), {"table"}).mime == "text/csv"
    with pytest.raises(ValidationError):  # a library's document field takes no text file
        uploads.detect(SimpleUploadedFile("тізім.csv", table), {"document"})
    program = SimpleUploadedFile("тізім.csv", b"MZ\x90\x00" + b"\x00" * 200)
    with pytest.raises(ValidationError):
        uploads.detect(program, {"table"})


def test_it_refuses_a_family_that_is_not_allowed_here():
    with pytest.raises(ValidationError):
        uploads.detect(SimpleUploadedFile("a.pdf", PDF), {"image"})


def test_it_refuses_an_empty_file():
    with pytest.raises(ValidationError) as error:
        uploads.detect(SimpleUploadedFile("a.pdf", b""), {"document"})
    assert error.value.code == "empty"


@override_settings(ORTAQ_UPLOAD_LIMITS={"image": 100, "document": 10, "video": 10, "audio": 10})
def test_it_applies_the_limit_of_each_family():
    with pytest.raises(ValidationError) as error:
        uploads.detect(SimpleUploadedFile("a.pdf", PDF), {"document"})
    assert error.value.code == "size"


def test_it_refuses_a_broken_image():
    broken = png()[:60]
    with pytest.raises(ValidationError) as error:
        uploads.detect(SimpleUploadedFile("a.png", broken), {"image"})
    assert error.value.code == "image"


def test_it_makes_a_small_jpeg_thumbnail():
    buffer = io.BytesIO()
    Image.new("RGB", (2000, 1000), "blue").save(buffer, "PNG")
    thumb = uploads.thumbnail(SimpleUploadedFile("big.png", buffer.getvalue()), width=480)
    with Image.open(io.BytesIO(thumb.read())) as image:
        assert image.format == "JPEG" and image.size == (480, 240)


@pytest.fixture
def stored(tmp_path):
    storage = FileSystemStorage(location=tmp_path)
    name = storage.save("lesson.mp4", ContentFile(bytes(range(256)) * 4))

    class Holder:
        pass

    field = type("F", (), {"storage": storage, "name": "file"})()
    return FieldFile(Holder(), field, name)


def test_it_serves_a_byte_range_for_seeking(stored):
    request = RequestFactory().get("/", HTTP_RANGE="bytes=10-19")
    response = uploads.serve_file(request, stored, filename="сабақ.mp4", content_type="video/mp4")
    assert response.status_code == 206
    assert response["Content-Range"] == "bytes 10-19/1024"
    assert b"".join(response.streaming_content) == bytes(range(10, 20))
    assert response["X-Content-Type-Options"] == "nosniff" and response["Accept-Ranges"] == "bytes"


def test_it_serves_the_last_bytes_and_open_ended_ranges(stored):
    tail = uploads.serve_file(RequestFactory().get("/", HTTP_RANGE="bytes=-4"), stored, filename="a.mp4")
    assert b"".join(tail.streaming_content) == bytes(range(252, 256))
    rest = uploads.serve_file(RequestFactory().get("/", HTTP_RANGE="bytes=1020-"), stored, filename="a.mp4")
    assert rest["Content-Range"] == "bytes 1020-1023/1024"


def test_it_answers_416_outside_the_file(stored):
    response = uploads.serve_file(RequestFactory().get("/", HTTP_RANGE="bytes=5000-"), stored, filename="a.mp4")
    assert response.status_code == 416 and response["Content-Range"] == "bytes */1024"


def test_it_serves_the_whole_file_as_an_attachment_with_its_name(stored):
    response = uploads.serve_file(RequestFactory().get("/"), stored, filename="Сабақ жоспары.pdf", as_attachment=True)
    assert response.status_code == 200 and response["Content-Length"] == "1024"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == bytes(range(256)) * 4
