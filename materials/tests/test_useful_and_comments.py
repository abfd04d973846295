"""«Useful» marks and comments: one mark per person, a count kept on the material,
comments sanitized, deleted by their authors and hidden by organisers."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from materials import actions
from materials.models import Comment, Material, UsefulMark
from materials.tests.factories import publish
from ortaq.testing import as_user

pytestmark = pytest.mark.django_db


def test_marking_useful_twice_counts_once(cast):
    material = publish(cast)
    client = as_user(cast.coach)
    url = reverse("materials:useful", args=[material.pk])
    for _ in range(2):
        assert client.post(url, {"useful": "1"}).status_code == 302
    material.refresh_from_db()
    assert material.useful_count == 1 and UsefulMark.objects.count() == 1
    for _ in range(2):
        client.post(url, {"useful": "0"})
    material.refresh_from_db()
    assert material.useful_count == 0 and UsefulMark.objects.count() == 0


def test_the_count_adds_up_over_people(cast):
    material = publish(cast)
    for person in (cast.coach, cast.director, cast.leader):
        assert actions.mark_useful(material, person, useful=True) in (1, 2, 3)
    assert actions.mark_useful(material, cast.director, useful=False) == 2
    material.refresh_from_db()
    assert material.useful_count == 2 == material.useful_marks.count()


def test_htmx_gets_back_the_button_alone(cast):
    material = publish(cast)
    response = as_user(cast.coach).post(
        reverse("materials:useful", args=[material.pk]), {"useful": "1"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.strip().startswith('<div id="useful"') and "<html" not in html
    assert 'aria-pressed="true"' in html and 'name="useful" value="0"' in html


def test_a_comment_is_sanitized(cast):
    material = publish(cast)
    response = as_user(cast.coach).post(
        reverse("materials:comment", args=[material.pk]),
        {"body": "**Жақсы!** <script>alert(1)</script> [сілтеме](javascript:alert(2)) <img src=x onerror=alert(3)>"},
    )
    comment = Comment.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"#comment-{comment.pk}")
    assert "<strong>Жақсы!</strong>" in comment.body_html
    for bad in ("<script", "javascript:", "onerror"):
        assert bad not in comment.body_html
    page = as_user(cast.teacher).get(material.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in page and "javascript:alert" not in page


def test_an_empty_comment_is_refused_with_a_message(cast):
    material = publish(cast)
    response = as_user(cast.coach).post(reverse("materials:comment", args=[material.pk]), {"body": "   "})
    assert response.status_code == 200 and response.context["comment_form"].errors["body"]
    assert Comment.objects.count() == 0


def test_the_author_deletes_their_comment_and_nobody_else_can(cast):
    material = publish(cast)
    comment = actions.comment(material, author=cast.coach, body="Пікір")
    url = reverse("materials:comment_delete", args=[comment.pk])
    assert as_user(cast.leader).post(url).status_code == 403  # organisers hide, they do not delete
    assert as_user(cast.coach).post(url).status_code == 200 and Comment.objects.count() == 1  # asks first
    assert as_user(cast.coach).post(url, {"confirmed": "yes"}).status_code == 302
    assert Comment.objects.count() == 0


def test_organisers_hide_a_comment_from_everyone_else(cast):
    material = publish(cast)
    comment = actions.comment(material, author=cast.coach, body="Орынсыз пікір")
    assert (
        as_user(cast.teacher).post(reverse("materials:comment_hide", args=[comment.pk]), {"hidden": "1"}).status_code
        == 403
    )
    assert (
        as_user(cast.leader).post(reverse("materials:comment_hide", args=[comment.pk]), {"hidden": "1"}).status_code
        == 302
    )
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_by == cast.leader
    assert "Орынсыз пікір" not in as_user(cast.teacher).get(material.get_absolute_url()).content.decode()
    assert "Орынсыз пікір" in as_user(cast.coordinator).get(material.get_absolute_url()).content.decode()


def test_the_description_is_sanitized(cast):
    material = publish(
        cast,
        description=(
            "## Мақсаты\n<script>alert('x')</script>\n[басу](javascript:alert(1)) <a href=\"javascript:x\">a</a>"
        ),
    )
    assert "<h2>Мақсаты</h2>" in material.description_html
    assert "<script" not in material.description_html and "javascript:" not in material.description_html
    page = as_user(cast.teacher).get(material.get_absolute_url()).content.decode()
    assert "<script>alert('x')" not in page and "javascript:" not in page


def test_a_signed_in_stranger_cannot_comment_on_a_public_material(cast):
    material = publish(cast, visibility="public")
    response = as_user(cast.outsider).post(reverse("materials:comment", args=[material.pk]), {"body": "Сәлем"})
    assert response.status_code == 403
    assert Comment.objects.count() == 0
    page = as_user(cast.outsider).get(material.get_absolute_url())
    assert "comment_form" not in page.context
    assert gettext("Sign in to comment") not in page.content.decode()


def test_deleting_a_material_takes_its_comments_and_marks(cast):
    material = publish(cast)
    actions.comment(material, author=cast.coach, body="Пікір")
    actions.mark_useful(material, cast.coach, useful=True)
    actions.delete_material(material)
    assert not Material.objects.exists() and not Comment.objects.exists() and not UsefulMark.objects.exists()
