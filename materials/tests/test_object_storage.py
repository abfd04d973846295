"""The library on S3-compatible storage, as a region's app servers share it: moto's S3
server (from pip, in a thread of this process) stands in for MinIO or a cloud's store.
Files go in through the real workflow; the file views still check permissions, then
send the reader to a short-lived signed URL that the store answers, ranges included."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from email.message import Message
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from moto.server import ThreadedMotoServer

from materials.tests.factories import PDF, pdf_file, png, publish
from ortaq.testing import as_user

pytestmark = pytest.mark.django_db

BUCKET = "ortaq-media"
KEYS = {"access_key": "testing", "secret_key": "testing"}  # moto accepts any


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint: str, settings):
    """A fresh bucket and the production S3 settings (ortaq/settings.py) pointing at it."""
    import boto3

    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1", aws_access_key_id="testing",
                          aws_secret_access_key="testing")  # fmt: skip
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = settings.STORAGES | {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "default_acl": "private",
                "querystring_auth": True,
                "file_overwrite": False,
                "signature_version": "s3v4",
                "addressing_style": "path",
                **KEYS,
            },
        }
    }
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def fetch(url: str, **headers: str) -> tuple[int, Message, bytes]:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (our own moto server)
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.status, response.headers, response.read()  # headers: any case


def test_a_published_material_lives_in_the_bucket_with_its_thumbnail(cast, bucket):
    material = publish(cast, files=[pdf_file(), SimpleUploadedFile("сурет.png", png(900, 600))])
    pdf, image = material.current_version.files.order_by("pk")
    keys = {item["Key"] for item in bucket.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert {pdf.file.name, image.file.name, image.thumbnail.name} <= keys
    assert bucket.get_object(Bucket=BUCKET, Key=pdf.file.name)["Body"].read() == PDF
    thumbnail = bucket.get_object(Bucket=BUCKET, Key=image.thumbnail.name)
    assert thumbnail["Body"].read()[:3] == b"\xff\xd8\xff"  # a JPEG, made without a local path


def test_the_same_name_twice_keeps_both_files(cast, bucket):
    first = publish(cast).current_version.files.get()
    second = publish(cast).current_version.files.get()
    assert first.file.name != second.file.name
    assert bucket.get_object(Bucket=BUCKET, Key=first.file.name)["Body"].read() == PDF


def test_a_member_is_sent_to_a_signed_url_that_answers_ranges(cast, bucket):
    file = publish(cast).current_version.files.get()
    url = reverse("materials:file", args=[file.pk])
    assert as_user(cast.outsider).get(url).status_code == 404  # the permission check stays in the app

    response = as_user(cast.coach).get(url + "?download=1")
    assert response.status_code == 302 and response["Cache-Control"] == "private, no-store"
    signed = response["Location"]
    query = parse_qs(urlsplit(signed).query)
    assert query["response-content-type"] == ["application/pdf"]
    assert query["response-content-disposition"][0].startswith("attachment;")
    assert "filename*=utf-8''" in query["response-content-disposition"][0]
    assert int(query["X-Amz-Expires"][0]) <= 300 and "X-Amz-Signature" in query

    status, headers, body = fetch(signed, Range="bytes=0-9")
    assert status == 206 and body == PDF[:10]
    assert headers["Content-Range"] == f"bytes 0-9/{len(PDF)}"
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Content-Disposition"].startswith("attachment;")
    status, _headers, body = fetch(signed)
    assert status == 200 and body == PDF


def test_the_thumbnail_view_redirects_inline(cast, bucket):
    image = publish(cast, files=[SimpleUploadedFile("сурет.png", png(900, 600))]).current_version.files.get()
    response = as_user(cast.teacher).get(reverse("materials:thumbnail", args=[image.pk]))
    assert response.status_code == 302
    query = parse_qs(urlsplit(response["Location"]).query)
    assert query["response-content-type"] == ["image/jpeg"]
    assert query["response-content-disposition"][0].startswith("inline;")
    status, _headers, body = fetch(response["Location"])
    assert status == 200 and body[:3] == b"\xff\xd8\xff"


def test_deleting_a_material_empties_the_bucket(cast, bucket, django_capture_on_commit_callbacks):
    from materials import actions

    material = publish(cast)
    with django_capture_on_commit_callbacks(execute=True):
        actions.delete_material(material)
    assert bucket.list_objects_v2(Bucket=BUCKET).get("KeyCount", 0) == 0


def test_signed_urls_name_the_public_address_when_it_differs(cast, bucket, settings, s3_endpoint):
    settings.ORTAQ_S3_PUBLIC_URL = s3_endpoint.replace("127.0.0.1", "localhost")
    file = publish(cast).current_version.files.get()
    response = as_user(cast.teacher).get(reverse("materials:file", args=[file.pk]))
    assert urlsplit(response["Location"]).netloc == urlsplit(settings.ORTAQ_S3_PUBLIC_URL).netloc
    assert fetch(response["Location"], Range="bytes=-4")[2] == PDF[-4:]
