"""Decompression bombs: an image that declares more pixels than the budget is refused
from its header, before anything decodes it, on every path that takes images."""

from __future__ import annotations

import io
import resource
import struct
import warnings
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from accounts.models import Certification
from forums.models import Attachment, Category, Forum
from ortaq.lib import uploads
from ortaq.testing import as_user


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_bomb(side: int = 13_000) -> bytes:
    """A valid PNG of side × side grey pixels, all zero: a few hundred KB on disk, 169
    megapixels (gigabytes in memory) once decoded."""
    row = b"\x00" + b"\x00" * side  # filter byte, then one byte per pixel
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return png_bomb()


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_the_bomb_is_small_on_disk_and_huge_in_pixels(bomb):
    assert len(bomb) < 1_000_000
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        with Image.open(io.BytesIO(bomb)) as image:
            assert image.size == (13_000, 13_000)


def test_it_refuses_the_bomb_from_its_header_without_decoding_it(bomb):
    before = max_rss_mb()
    with pytest.raises(ValidationError) as refused:
        uploads.detect(SimpleUploadedFile("сурет.png", bomb, "image/png"), {uploads.IMAGE})
    assert refused.value.code == "pixels"
    assert "50" in refused.value.messages[0]
    with pytest.raises(ValidationError):
        uploads.thumbnail(io.BytesIO(bomb))
    assert max_rss_mb() - before < 50


def test_an_image_past_pillows_own_limit_is_refused_the_same_way(settings):
    settings.ORTAQ_IMAGE_MAX_PIXELS = 200_000_000  # ours above Pillow's refusal at 179 megapixels
    with pytest.raises(ValidationError) as refused:
        uploads.check_image(io.BytesIO(png_bomb(14_000)))
    assert refused.value.code == "pixels"


def test_it_takes_an_image_within_the_budget(settings):
    buffer = io.BytesIO()
    Image.new("RGB", (2000, 1000), "orange").save(buffer, "JPEG")
    settings.ORTAQ_IMAGE_MAX_PIXELS = 2_000_000
    assert uploads.check_image(io.BytesIO(buffer.getvalue())) == (2000, 1000)
    settings.ORTAQ_IMAGE_MAX_PIXELS = 1_999_999
    with pytest.raises(ValidationError):
        uploads.check_image(io.BytesIO(buffer.getvalue()))


def test_a_thumbnail_of_a_big_photo_is_small(settings):
    buffer = io.BytesIO()
    Image.new("RGB", (4000, 3000), "orange").save(buffer, "JPEG")
    preview = uploads.thumbnail(io.BytesIO(buffer.getvalue()))
    with Image.open(preview) as image:
        assert image.size == (480, 360)


@pytest.mark.django_db
def test_the_forum_refuses_the_bomb_and_keeps_nothing(cast, bomb):
    forum = Forum.objects.create(network=cast.network)
    category = Category.objects.create(forum=forum, name="Бағалау", position=1)
    url = reverse("forums:thread_create", args=[cast.network.pk])

    response = as_user(cast.teacher).post(
        url,
        {
            "title": "Сурет",
            "body": "Қараңыздар",
            "category": category.pk,
            "attachments": SimpleUploadedFile("сурет.png", bomb, "image/png"),
        },
    )

    assert response.status_code in (200, 400)
    assert not Attachment.objects.exists()
    assert not forum.threads.exists()


@pytest.mark.django_db
def test_a_certificate_cannot_be_a_bomb(cast, bomb):
    response = as_user(cast.teacher).post(
        reverse("accounts:certification_add"),
        {
            "cert-kind": "level",
            "cert-level": "2",
            "cert-year": "2016",
            "cert-file": SimpleUploadedFile("c.png", bomb, "image/png"),
        },
    )
    assert response.status_code in (200, 400)
    assert not Certification.objects.filter(user=cast.teacher).exists()


@pytest.mark.django_db
def test_a_certificate_with_a_fair_image_is_kept(cast):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, "PNG")
    response = as_user(cast.teacher).post(
        reverse("accounts:certification_add"),
        {
            "cert-kind": "level",
            "cert-level": "2",
            "cert-year": "2016",
            "cert-file": SimpleUploadedFile("c.png", buffer.getvalue(), "image/png"),
        },
    )
    assert response.status_code == 302
    assert Certification.objects.filter(user=cast.teacher).exclude(file="").exists()
