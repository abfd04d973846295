from __future__ import annotations

import pytest
from django.db.models import Count, Max
from django.utils import timezone

from bench.dataset import RUSSIAN_SENTENCES, SIZES, TINY, build, split
from calendars.models import AcademicYear
from calendars.schoolyear import SchoolYear
from events.models import Event
from forums.models import POSTS_PER_PAGE, Category, Post, Thread
from materials.models import Material
from search import index
from search.evaluation import EXACT, MIN_PRECISION, MIN_RECALL
from search.models import SearchDocument, Word

pytestmark = pytest.mark.django_db


def search_rows() -> list[tuple]:
    return sorted(
        SearchDocument.objects.values_list(
            "kind", "object_id", "network_id", "group_id", "is_public", "title", "body", "url", "created_at",
            "subject_id", "grades", "language", "material_kind", "objective_codes", "page", "title_keys", "body_keys",
        )
    )  # fmt: skip


def test_it_splits_content_towards_the_focus_network() -> None:
    assert split(10, 1) == [10]
    assert split(100, 4) == [50, 17, 17, 16]
    assert sum(split(250_000, 10)) == 250_000
    assert split(3_000, 4, focus=200) == [200, 934, 933, 933]
    assert split(100, 3, focus=200) == [100, 0, 0]


def test_it_knows_the_sizes_of_the_brief() -> None:
    assert (SIZES["M"].schools, SIZES["M"].teachers, SIZES["M"].posts) == (100, 3000, 250_000)


def test_it_builds_the_counts_it_was_asked_for() -> None:
    built = build(TINY)
    assert built.counts["schools"] == TINY.schools
    assert built.counts["users"] == TINY.teachers
    assert Thread.objects.count() == TINY.threads
    assert Post.objects.count() == TINY.posts
    assert Material.objects.count() == TINY.materials
    assert Event.objects.count() == TINY.events
    assert Thread.objects.get(pk=built.targets["big_thread"]).reply_count == TINY.big_thread_replies


def test_it_keeps_the_stored_counters_consistent() -> None:
    build(TINY)
    for thread in Thread.objects.annotate(n=Count("posts"), last=Max("posts__number"), at=Max("posts__created_at")):
        assert thread.last_number == thread.last == thread.n
        assert thread.reply_count == thread.n - 1
        assert thread.last_post_at == thread.at
        assert thread.last_poster_id == thread.posts.get(number=thread.last_number).author_id
    for category in Category.objects.annotate(n=Count("threads")):
        assert category.thread_count == category.n
    for material in Material.objects.all():
        assert material.current_version.material_id == material.pk


@pytest.mark.parametrize("day", [pytest.param(d, marks=pytest.mark.today(d)) for d in ("2026-12-04", "2027-07-15")])
def test_it_puts_this_years_events_on_its_school_days(day: str) -> None:
    build(TINY)
    year = SchoolYear.current(timezone.localdate())
    days = {event.local_date for event in Event.objects.all()}
    assert days and all(year.starts_on <= d <= year.ends_on and year.is_school_day(d) for d in days)
    assert AcademicYear.objects.get(name=year.name).terms.count() == 4


def test_it_writes_the_search_index_the_apps_would_write() -> None:
    build(TINY)
    written, words = search_rows(), sorted(Word.objects.values_list("word", "documents"))
    index.rebuild()
    assert written == search_rows()
    assert words == sorted(Word.objects.values_list("word", "documents"))
    assert words


def test_a_dataset_serves_for_two_days_of_the_same_month() -> None:
    from bench.run import is_recent

    assert is_recent("2026-11-23", "2026-11-23")
    assert is_recent("2026-11-23", "2026-11-24")
    assert not is_recent("2026-11-22", "2026-11-24")
    assert not is_recent("2026-11-30", "2026-12-01")
    assert not is_recent("", "2026-11-24")


def test_it_leaves_the_search_indexes_as_the_migrations_made_them() -> None:
    from django.db import connection

    def indexes() -> set[str]:
        with connection.cursor() as cursor:
            constraints = connection.introspection.get_constraints(cursor, SearchDocument._meta.db_table)
        return {name for name, spec in constraints.items() if spec["index"]}

    before = indexes()
    build(TINY)
    assert indexes() == before
    if connection.vendor == "postgresql":
        assert "search_document_vector" in before


@pytest.mark.parametrize("size", [*SIZES.values(), TINY], ids=lambda size: size.name)
def test_the_big_threads_last_page_is_a_full_page(size) -> None:
    assert (size.big_thread_replies + 1) % POSTS_PER_PAGE == 0


def test_the_bench_reads_the_big_threads_last_page_with_its_twenty_posts() -> None:
    built = build(TINY)
    thread = Thread.objects.get(pk=built.targets["big_thread"])
    after = built.targets["big_thread_last_after"]
    assert thread.posts.filter(number__gt=after).count() == POSTS_PER_PAGE


def test_its_russian_materials_are_written_in_russian() -> None:
    build(TINY)
    russian = Material.objects.filter(language=Material.Language.RUSSIAN)
    assert russian.exists()
    for material in russian:
        rest = material.description
        for sentence in RUSSIAN_SENTENCES:
            rest = rest.replace(sentence, "")
        assert rest.strip() == "", material.description


def test_search_finds_what_it_should_in_its_data() -> None:
    """search/evaluation.py's queries over the bench's own data (the report measures the
    same at S, M and L): the goals hold in every group it has words for."""
    from bench.run import measure_search_quality

    build(TINY)
    quality = measure_search_quality()
    assert {"stem", "inflected", "keyboard", "latin", "russian"} <= set(quality)
    for group, figures in quality.items():
        assert figures["recall"] >= MIN_RECALL, (group, figures)
    for group in EXACT:
        assert quality[group]["precision"] >= MIN_PRECISION, (group, quality[group])
        assert quality[group]["buried"] == [], group


def test_it_builds_a_development_plan_of_20_goals_and_the_rubric_places() -> None:
    from plans.models import Goal, Placement, Plan

    built = build(TINY)
    plan = Plan.objects.get(pk=built.targets["development_plan"])
    assert Goal.objects.filter(priority__plan=plan).count() == 20
    assert plan.activities.count() == 20 and plan.activities.filter(events__isnull=False).exists()
    schools = plan.network.school_links.count()
    assert (
        Placement.objects.filter(network=plan.network).count() == built.counts["rubric_placements"] == schools * 3 * 2
    )


def test_it_builds_a_survey_answered_many_times_and_a_screen_to_read(client) -> None:
    from django.test import Client

    from accounts.models import User
    from surveys.models import Answer, Response, Survey

    built = build(TINY)
    survey = Survey.objects.get(pk=built.targets["survey"])
    assert Response.objects.filter(survey=survey).count() == TINY.survey_responses
    assert Answer.objects.filter(response__survey=survey).values("response").distinct().count() == TINY.survey_responses
    # The pages the bench reads answer, each as its reader.
    screen = Client().get(f"/surveys/a/{built.targets['survey_link']}/?screen={built.targets['survey_screen']}")
    assert screen.status_code == 200 and 'name="screen" value="{}"'.format(built.targets["survey_screen"]) in (
        screen.content.decode()
    )
    client.force_login(User.objects.get(pk=built.targets["leader"]))
    results = client.get(f"/surveys/{survey.pk}/results/")
    assert results.status_code == 200 and f"{TINY.survey_responses}" in results.content.decode()
