"""Who may open what: a draft is its authors' and its group's only (404 to everyone
else, the network's leader included); a published series is read by whoever reads the
network and changed only by its authors and group (403); outsiders get 404 and
visitors are sent to sign in."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.test import Client
from django.urls import reverse

from lessonplans.models import Series
from lessonplans.permissions import get_series_for_user
from lessonplans.tests.factories import make_series
from ortaq.testing import as_user

pytestmark = pytest.mark.django_db


def urls(series: Series) -> dict[str, list[tuple[str, str]]]:
    lesson = series.lessons.get()
    s, le = series.pk, lesson.pk
    read = [
        ("get", reverse("lessonplans:series", args=[s])),
        ("get", reverse("lessonplans:series_file", args=[s, "docx"])),
        ("get", reverse("lessonplans:series_file", args=[s, "pdf"])),
        ("get", reverse("lessonplans:lesson", args=[le])),
        ("get", reverse("lessonplans:lesson_file", args=[le, "docx"])),
        ("get", reverse("lessonplans:lesson_file", args=[le, "pdf"])),
    ]
    edit = [
        ("get", reverse("lessonplans:series_edit", args=[s])),
        ("post", reverse("lessonplans:series_edit", args=[s])),
        ("post", reverse("lessonplans:series_publish", args=[s])),
        ("post", reverse("lessonplans:lesson_add", args=[s])),
        ("get", reverse("lessonplans:lesson_edit", args=[le])),
        ("post", reverse("lessonplans:lesson_edit", args=[le])),
        ("post", reverse("lessonplans:lesson_move", args=[le])),
        ("get", reverse("lessonplans:lesson_delete", args=[le])),
    ]
    return {"read": read, "edit": edit}


def status(client: Client, method: str, url: str) -> int:
    code: int = getattr(client, method)(url).status_code
    return code


@pytest.mark.parametrize("who", ["leader", "director", "methodologist", "outsider"])
def test_it_hides_a_draft_from_everyone_but_its_authors_and_group(cast, who):
    series = make_series(cast)
    client = as_user(getattr(cast, who))
    for group in urls(series).values():
        for method, url in group:
            assert status(client, method, url) == 404, (who, method, url)


@pytest.mark.parametrize("who", ["coach", "teacher"])
def test_it_lets_the_authors_and_the_group_read_and_edit_a_draft(cast, who):
    series = make_series(cast)
    client = as_user(getattr(cast, who))
    for method, url in urls(series)["read"]:
        assert status(client, method, url) == 200, (who, url)
    for method, url in urls(series)["edit"]:
        if method == "get":
            assert status(client, method, url) == 200, (who, url)


@pytest.mark.parametrize("who", ["leader", "coordinator", "director", "methodologist"])
def test_it_lets_network_readers_read_a_published_series_and_refuses_changes(cast, who):
    series = make_series(cast, published=True)
    client = as_user(getattr(cast, who))
    groups = urls(series)
    for method, url in groups["read"]:
        assert status(client, method, url) == 200, (who, url)
    for method, url in groups["edit"]:
        assert status(client, method, url) == 403, (who, method, url)


def test_it_answers_404_to_outsiders_for_a_published_series(cast):
    series = make_series(cast, published=True)
    client = as_user(cast.outsider)
    for group in urls(series).values():
        for method, url in group:
            assert status(client, method, url) == 404, (method, url)
    assert client.get(reverse("lessonplans:network", args=[cast.network.pk])).status_code == 404
    assert client.get(reverse("lessonplans:series_create", args=[cast.network.pk])).status_code == 404


def test_it_sends_visitors_to_sign_in(cast):
    series = make_series(cast, published=True)
    for group in urls(series).values():
        for method, url in group:
            response = getattr(Client(), method)(url)
            assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_it_lets_members_start_a_series_but_not_the_district_methodologist(cast):
    url = reverse("lessonplans:series_create", args=[cast.network.pk])
    assert as_user(cast.teacher).get(url).status_code == 200
    assert as_user(cast.director).get(url).status_code == 200
    assert as_user(cast.methodologist).get(url).status_code == 403
    assert as_user(cast.methodologist).post(url, {}).status_code == 403


def test_it_answers_404_for_a_file_of_an_unknown_kind(cast):
    series = make_series(cast)
    response = as_user(cast.coach).get(reverse("lessonplans:series_file", args=[series.pk, "exe"]))
    assert response.status_code == 404


@pytest.mark.parametrize("who", ["leader", "coordinator", "director", "coach", "teacher", "methodologist", "outsider"])
def test_it_lists_exactly_what_the_pages_let_each_person_open(cast, who):
    draft = make_series(cast, title="Жоба")
    published = make_series(cast, title="Жарияланған", published=True)
    person = getattr(cast, who)
    listed = set(Series.objects.visible_to(person).values_list("pk", flat=True))
    opened = set()
    for series in (draft, published):
        try:
            get_series_for_user(person, series.pk)
        except Http404:
            continue
        opened.add(series.pk)
    assert listed == opened
    if who != "outsider":
        page = as_user(person).get(reverse("lessonplans:network", args=[cast.network.pk])).content.decode()
        assert ("Жарияланған" in page) is (published.pk in listed)
        assert ("Жоба</a>" in page) is (draft.pk in listed)
