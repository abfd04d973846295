"""Pages go compressed to a browser that accepts gzip; files, ranges, small answers
and answers already encoded never do (see also materials' upload tests for a ranged
video), and nothing is when a proxy compresses (ORTAQ_COMPRESS_PAGES=0)."""

from __future__ import annotations

import gzip
from typing import Any

import pytest
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from ortaq.lib.middleware import MIN_BYTES, CompressPagesMiddleware


@pytest.mark.django_db
def test_it_compresses_a_page_for_a_browser_that_accepts_gzip(cast):
    client = Client()
    client.force_login(cast.teacher)
    plain = client.get(cast.network.get_absolute_url())
    packed = client.get(cast.network.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip, br")
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    html = gzip.decompress(packed.content).decode()
    assert cast.network.name in html
    assert len(packed.content) < len(plain.content) / 2


@pytest.mark.django_db
def test_it_leaves_tiny_answers_and_errors_alone(cast):
    client = Client()
    client.force_login(cast.outsider)
    refused = client.get(reverse("events:network", args=[cast.network.pk]), HTTP_ACCEPT_ENCODING="gzip")
    assert refused.status_code == 404
    assert "Content-Encoding" not in refused
    health = Client().get("/healthz", HTTP_ACCEPT_ENCODING="gzip")
    assert "Content-Encoding" not in health


# --- What the middleware leaves alone, one answer at a time ---------------------------------

PAGE = ("<p>" + "Сабақты бақылау парағы, " * 200 + "</p>").encode()


def through_middleware(response: Any) -> Any:
    request = RequestFactory().get("/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    return CompressPagesMiddleware(lambda request: response)(request)


def test_it_compresses_a_whole_page_of_text():
    answer = through_middleware(HttpResponse(PAGE, content_type="text/html; charset=utf-8"))
    assert answer["Content-Encoding"] == "gzip"
    assert gzip.decompress(answer.content) == PAGE


def test_it_never_compresses_a_file_response(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes(PAGE)
    answer = through_middleware(FileResponse(path.open("rb"), content_type="text/plain"))
    assert "Content-Encoding" not in answer
    assert b"".join(answer.streaming_content) == PAGE


def test_it_never_compresses_a_streamed_answer():
    answer = through_middleware(StreamingHttpResponse(iter([PAGE]), content_type="text/csv"))
    assert "Content-Encoding" not in answer
    assert b"".join(answer.streaming_content) == PAGE


def test_it_never_compresses_a_part_of_a_file():
    partial = HttpResponse(PAGE[:4096], content_type="text/plain", status=206)
    partial["Content-Range"] = f"bytes 0-4095/{len(PAGE)}"
    answer = through_middleware(partial)
    assert "Content-Encoding" not in answer
    assert answer.content == PAGE[:4096]
    # A whole body that still names its range (a server answering 200 to a range) too.
    whole = HttpResponse(PAGE, content_type="text/plain")
    whole["Content-Range"] = f"bytes 0-{len(PAGE) - 1}/{len(PAGE)}"
    assert "Content-Encoding" not in through_middleware(whole)


def test_it_leaves_an_answer_already_encoded_as_it_is():
    packed = gzip.compress(PAGE)
    encoded = HttpResponse(packed, content_type="text/html")
    encoded["Content-Encoding"] = "br"
    answer = through_middleware(encoded)
    assert answer["Content-Encoding"] == "br"
    assert answer.content == packed


def test_it_leaves_a_small_body_alone():
    small = "<p>" + "ә" * (MIN_BYTES // 2 - 10) + "</p>"
    assert len(small.encode()) < MIN_BYTES
    answer = through_middleware(HttpResponse(small, content_type="text/html; charset=utf-8"))
    assert "Content-Encoding" not in answer
    assert answer.content.decode() == small


def test_it_leaves_what_is_already_compressed_alone():
    answer = through_middleware(HttpResponse(PAGE, content_type="application/pdf"))
    assert "Content-Encoding" not in answer


@pytest.mark.django_db
def test_it_leaves_compressing_to_the_proxy_when_told(cast, settings):
    settings.ORTAQ_COMPRESS_PAGES = False
    client = Client()  # a new client builds the middleware with the setting as it is now
    client.force_login(cast.teacher)
    answer = client.get(cast.network.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip")
    assert answer.status_code == 200
    assert "Content-Encoding" not in answer
    assert cast.network.name in answer.content.decode()
