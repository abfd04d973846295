"""Rendered rows kept in the cache (ortaq/lib/fragments.py)."""

from __future__ import annotations

from unittest import mock

import pytest
from django.template.backends.django import Template
from django.test import RequestFactory
from django.utils import translation

from ortaq.lib import fragments

pytestmark = pytest.mark.speed_helpers


ROW = "forums/index.html#thread_row"


class Thread:
    """Only what the thread_row partial reads."""

    def __init__(self, title: str) -> None:
        self.title = title
        self.is_pinned = self.is_solved = self.is_question = self.is_locked = self.is_hidden = False
        self.deleted_at = None
        self.author = mock.Mock(full_name="Әлиева Гүлназ")
        self.reply_count = 2
        self.last_post_at = None
        self.last_poster = None


def rows(*titles: str) -> list[dict]:
    return [{"thread": Thread(title), "url": f"/t/{n}/", "is_new": False} for n, title in enumerate(titles)]


def render(request, items):
    return fragments.render_rows(request, ROW, items, parts=lambda row: (row["thread"].title, row["url"]))


def test_a_row_is_rendered_once_then_read_from_the_cache():
    request = RequestFactory().get("/")
    with mock.patch.object(Template, "render", autospec=True, side_effect=Template.render) as rendering:
        first = render(request, rows("Бағалау", "Диалог"))
        assert rendering.call_count == 2
        again = render(request, rows("Бағалау", "Диалог", "Инклюзия"))
        assert rendering.call_count == 3  # only the new row
    assert again[:2] == first and "Инклюзия" in again[2]


def test_the_same_row_in_another_language_is_rendered_again():
    request = RequestFactory().get("/")
    with translation.override("en"):
        english = render(request, rows("Бағалау"))[0]
    with translation.override("kk"):
        kazakh = render(request, rows("Бағалау"))[0]
    assert "2 replies" in english and "2 replies" not in kazakh


def test_a_forms_token_is_this_requests_and_never_kept():
    request = RequestFactory().get("/")
    piece = fragments.render_once(request, "forums/_rules.html", {"network": None, "rules": ["x"]}, parts=("x",))
    assert fragments.csrf_placeholder() not in piece
    template = "bench_csrf.html"
    with mock.patch("ortaq.lib.fragments.get_template") as get_template:
        get_template.return_value.render.return_value = f'<input value="{fragments.csrf_placeholder()}">'
        first = fragments.render_once(request, template, {}, parts=())
        second = fragments.render_once(RequestFactory().get("/"), template, {}, parts=())
    assert fragments.csrf_placeholder() not in first + second
    assert first != second  # each request its own token, from one cached piece
    assert get_template.return_value.render.call_count == 1


def test_a_changed_template_or_catalogue_changes_every_key(settings, tmp_path, monkeypatch):
    templates, catalogues = tmp_path / "templates", tmp_path / "locale"
    (templates / "forums").mkdir(parents=True)
    (catalogues / "kk").mkdir(parents=True)
    (templates / "forums" / "row.html").write_text("<li>{{ row }}</li>")
    (catalogues / "kk" / "django.mo").write_bytes(b"one")
    settings.BASE_DIR = tmp_path
    settings.LOCALE_PATHS = [catalogues]
    monkeypatch.setattr(fragments, "get_app_template_dirs", lambda dirname: [templates])
    digest = fragments._read_code_digest
    before = digest()
    (templates / "forums" / "row.html").write_text("<li class=new>{{ row }}</li>")
    after_template = digest()
    (catalogues / "kk" / "django.mo").write_bytes(b"two")
    assert len({before, after_template, digest()}) == 3


def test_the_token_placeholder_is_the_servers_secret_not_a_public_constant(settings):
    """A post that wrote the placeholder into a link would receive each reader's token:
    only a server that knows SECRET_KEY knows it."""
    fragments.csrf_placeholder.cache_clear()
    try:
        one = fragments.csrf_placeholder()
        settings.SECRET_KEY = "another-secret-key-" + "x" * 50
        fragments.csrf_placeholder.cache_clear()
        assert fragments.csrf_placeholder() != one and len(one) == 64
    finally:
        fragments.csrf_placeholder.cache_clear()


def test_in_development_the_digest_follows_an_edited_template_without_a_restart(settings, tmp_path, monkeypatch):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "row.html").write_text("<li>{{ row }}</li>")
    settings.BASE_DIR = tmp_path
    settings.LOCALE_PATHS = []
    monkeypatch.setattr(fragments, "get_app_template_dirs", lambda dirname: [templates])
    fragments._code_digest_once.cache_clear()
    try:
        settings.DEBUG = True
        before = fragments.code_digest()
        (templates / "row.html").write_text("<li class=new>{{ row }}</li>")
        assert fragments.code_digest() != before
        settings.DEBUG = False  # a deployed process reads its templates once
        once = fragments.code_digest()
        (templates / "row.html").write_text("<li class=newer>{{ row }}</li>")
        assert fragments.code_digest() == once
    finally:
        fragments._code_digest_once.cache_clear()
