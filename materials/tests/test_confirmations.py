"""Deleting a material, a comment or a collection, and taking a material out of a
collection, ask first (issue 15, point 2): the first click shows what goes and
changes nothing; only the confirmation acts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from materials import actions
from materials.models import Collection, CollectionItem, Comment, Material
from materials.tests.factories import pdf_file, publish
from ortaq.testing import as_user, asks_first

pytestmark = pytest.mark.django_db


def test_deleting_a_material_counts_what_goes_with_it(cast):
    material = publish(cast, title="Диалогтық оқыту")
    actions.add_version(material, by=cast.teacher, files=actions.validate_files([pdf_file(), pdf_file("екі.pdf")]))
    actions.comment(material, author=cast.coach, body="Пайдалы екен")
    actions.mark_useful(material, cast.coach, useful=True)
    collection = actions.create_collection(cast.network, by=cast.coach, title="Топтама")
    actions.add_to_collection(collection, material, by=cast.coach)
    asks_first(
        as_user(cast.teacher),
        reverse("materials:delete", args=[material.pk]),
        lambda: Material.objects.filter(pk=material.pk).exists(),
        shows=[
            "Delete «Диалогтық оқыту»?",
            "2 versions (3 files)",
            "1 comment",
            "1 «useful» mark",
            "its place in 1 collection",
        ],
    )


def test_deleting_a_comment_asks_its_author_first(cast):
    comment = actions.comment(publish(cast), author=cast.coach, body="Қате пікір")
    asks_first(
        as_user(cast.coach),
        reverse("materials:comment_delete", args=[comment.pk]),
        lambda: Comment.objects.filter(pk=comment.pk).exists(),
        shows=["Delete your comment?", "Қате пікір"],
    )


def test_deleting_a_collection_says_its_materials_stay(cast):
    collection = actions.create_collection(cast.network, by=cast.coach, title="Топтама")
    for title in ("A", "B"):
        actions.add_to_collection(collection, publish(cast, title=title), by=cast.coach)
    asks_first(
        as_user(cast.coach),
        reverse("materials:collection_delete", args=[collection.pk]),
        lambda: Collection.objects.filter(pk=collection.pk).exists(),
        shows=["Delete the collection «Топтама»?", "Its 2 materials stay in the library."],
    )
    assert Material.objects.count() == 2


def test_taking_a_material_out_of_a_collection_asks_first(cast):
    collection = actions.create_collection(cast.network, by=cast.coach, title="Топтама")
    item = actions.add_to_collection(collection, publish(cast, title="Бір"), by=cast.coach)
    asks_first(
        as_user(cast.coach),
        reverse("materials:collection_item_remove", args=[collection.pk, item.pk]),
        lambda: CollectionItem.objects.filter(pk=item.pk).exists(),
        shows=["Take «Бір» out of «Топтама»?", "The material stays in the library"],
    )
