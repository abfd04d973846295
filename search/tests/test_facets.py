"""The facets narrow a search inside the full-text index: the words written for a
row (SQLite: the view of migration 0003; PostgreSQL: engine.facet_words in the
vector) must be the ones a search asks for (engine.facet). Checked here without
the SQL filters, so that a facet that narrowed wrongly or not at all would show:
the index alone must give exactly what the SQL filters give."""

from __future__ import annotations

import importlib
import random

import pytest
from django.contrib.auth.models import AnonymousUser
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.tests.factories import UserFactory
from networks.models import Group, GroupMembership, Membership, Role
from networks.tests.factories import NetworkFactory
from search import engine, index
from search.models import SearchDocument
from search.query import Filters, visibility_facets
from search.text import parse_query
from subjects.models import Subject

pytestmark = pytest.mark.django_db

KINDS = ("thread", "post", "material")
LANGUAGES = ("kk", "ru", "en")
MATERIAL_KINDS = ("lesson_plan", "medium_term_plan", "video_lesson", "assessment")
TERMS = parse_query("сабақ")


@pytest.fixture
def corpus(put):
    """Sixty documents with every combination of what can be filtered on, seeded."""
    rng = random.Random(7)
    networks = [NetworkFactory() for _ in range(3)]
    groups = [Group.objects.create(network=network, name=f"Топ {network.pk}") for network in networks]
    subjects = [
        Subject.objects.create(code=f"facet-{n}", name_kk=f"Пән {n}", name_ru=f"Предмет {n}", name_en=f"Subject {n}")
        for n in range(3)
    ]
    for n in range(60):
        kind = rng.choice(KINDS)
        network = rng.choice([*networks, None])
        fields = {
            "title": f"Сабақ {n}",
            "body": "Сабақ туралы",  # a reply is found by its body only
            "network_id": network.pk if network else None,
            "group_id": groups[networks.index(network)].pk if network and rng.random() < 0.3 else None,
            "is_public": network is None or rng.random() < 0.3,
        }
        if kind == "material":
            fields.update(
                subject_id=rng.choice(subjects).pk if rng.random() < 0.8 else None,
                grades=rng.sample(range(13), rng.randint(0, 3)),
                language=rng.choice(LANGUAGES),
                material_kind=rng.choice(MATERIAL_KINDS),
            )
        put(kind, **fields)
    return networks, subjects


def found_by_index(facets: list[list[str]]) -> set[int]:
    """What the full-text index alone finds with these facets (all documents, no SQL filter)."""
    found = engine.ranked(SearchDocument.objects.all(), TERMS, facets=facets, offset=0, limit=1000)
    return {pk for result in found.results for pk in [result.head, *result.replies] if pk is not None}


def test_it_finds_everything_without_facets(corpus):
    assert found_by_index([]) == set(SearchDocument.objects.values_list("pk", flat=True))
    assert len(found_by_index([])) == 60


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_index_narrows_exactly_as_the_filters_do(corpus, data):
    networks, subjects = corpus
    filters = Filters(
        kinds=data.draw(st.one_of(st.none(), st.lists(st.sampled_from(KINDS), min_size=1, max_size=2).map(tuple))),
        network_id=data.draw(st.one_of(st.none(), st.sampled_from([n.pk for n in networks]))),
        subject_id=data.draw(st.one_of(st.none(), st.sampled_from([s.pk for s in subjects]))),
        grade=data.draw(st.one_of(st.none(), st.integers(0, 12))),
        material_kind=data.draw(st.one_of(st.none(), st.sampled_from(MATERIAL_KINDS))),
        language=data.draw(st.one_of(st.none(), st.sampled_from(LANGUAGES))),
    )
    expected = set(filters.apply(SearchDocument.objects.all()).values_list("pk", flat=True))
    assert found_by_index(filters.facets()) == expected


def test_the_visibility_facets_keep_everything_a_person_may_see(corpus, cast):
    networks, _subjects = corpus
    Membership.objects.create(network=networks[0], user=cast.teacher, role=Role.TEACHER)
    grouped = UserFactory()
    Membership.objects.create(network=networks[1], user=grouped, role=Role.TEACHER)
    GroupMembership.objects.create(group=Group.objects.get(network=networks[1]), user=grouped)
    everyone = set(SearchDocument.objects.values_list("pk", flat=True))
    for user in (cast.teacher, cast.outsider, grouped, AnonymousUser()):
        visible = set(SearchDocument.objects.visible_to(user).values_list("pk", flat=True))
        facets = visibility_facets(user)
        own_networks = Membership.objects.filter(user=user.pk).values_list("network_id", flat=True)
        assert facets is not None
        assert sorted(facets) == sorted([engine.PUBLIC, *(engine.facet("network", pk) for pk in own_networks)])
        narrowed = found_by_index([facets])
        # Everything they may see, and nothing of the networks they do not see.
        assert visible <= narrowed < everyone
        of_theirs = SearchDocument.objects.filter(network__in=list(own_networks)) | SearchDocument.objects.filter(
            is_public=True
        )
        assert narrowed == set(of_theirs.values_list("pk", flat=True))


def test_a_visitor_is_narrowed_to_public_documents_and_a_superuser_not_at_all(cast):
    assert visibility_facets(AnonymousUser()) == [engine.PUBLIC]
    assert visibility_facets(UserFactory(is_superuser=True)) is None
    assert visibility_facets(cast.outsider) == [engine.PUBLIC]


def test_someone_who_sees_very_many_networks_is_not_narrowed_by_network(monkeypatch, cast):
    monkeypatch.setattr("search.query.MAX_FACET_NETWORKS", 0)
    assert visibility_facets(cast.teacher) is None


def test_a_facet_is_one_word():
    assert engine.facet("material_kind", "lesson_plan") == "mlessonplan"
    assert engine.facet("group", None) == "g0"
    assert engine.facet("language", "KK") == "lkk"
    with pytest.raises(ValueError, match="letters and digits"):
        engine.facet("language", "kk ru")
    with pytest.raises(ValueError, match="match nothing"):
        engine.match_expression(TERMS, [[]])


def test_a_word_of_the_query_never_matches_a_facet(put):
    put(title="Жоспар", network_id=None, is_public=True)
    everything = SearchDocument.objects.all()
    assert engine.ranked(everything, parse_query("сабақ жоспар"), offset=0, limit=5).results == []
    for word in ("pub", "kthread", "n0", "g0"):
        assert engine.ranked(everything, parse_query(word), offset=0, limit=5).results == []
    assert len(engine.ranked(everything, parse_query("жоспар"), offset=0, limit=5).results) == 1


def test_the_migration_writes_the_facets_python_writes(corpus):
    """PostgreSQL: migration 0003 adds the facets and prefixes to older rows in SQL;
    taken off and put back that way (with the keys of 0005, which came later, off
    meanwhile), every vector is still the one Python writes."""
    from django.db import connection

    migration = importlib.import_module("search.migrations.0003_facets")
    keys = importlib.import_module("search.migrations.0005_keys_pages_words")
    if connection.vendor == "postgresql":
        updates = [sql for sql in (*migration.POSTGRESQL_BACKWARDS, *migration.POSTGRESQL_FORWARDS) if "UPDATE" in sql]
        with connection.cursor() as cursor:
            cursor.execute(keys.POSTGRESQL_BACKWARDS[-1])  # the keys off
            cursor.execute(updates[0])  # off: only the words are left
            cursor.execute(
                "SELECT count(*) FROM search_searchdocument"
                " WHERE search_vector::text LIKE '%%''~%%' OR search_vector::text LIKE '%%^''%%'"
            )
            assert cursor.fetchone() == (0,)
            cursor.execute(updates[1])  # on again, by SQL
        index.rebuild()  # the keys back, as after migration 0005
    engine.check_index()
    assert found_by_index([[engine.PUBLIC]]) == set(
        SearchDocument.objects.filter(is_public=True).values_list("pk", flat=True)
    )
