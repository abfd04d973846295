"""/api/v1/ lessons, observation forms, observations and feedback (observations/api.py):
the same rules as the pages, through the API."""

from __future__ import annotations

import pytest

from events.tests.factories import make_lesson
from notifications.models import Notice
from observations import actions, notices
from observations.models import Lesson, Observation
from observations.permissions import lessons_visible_to
from observations.tests.factories import bare_lesson, make_form
from ortaq.testing import api_as

pytestmark = pytest.mark.django_db


def levels(lesson: Lesson, *values: int) -> list[dict[str, int]]:
    assert lesson.form is not None
    criteria = lesson.form.criteria.order_by("position")
    return [{"criterion": c.pk, "score": v} for c, v in zip(criteria, values, strict=True)]


def submitted(lesson: Lesson, observer, *values: int, what_worked: str = "", what_to_develop: str = "") -> Observation:
    scores = {row["criterion"]: row["score"] for row in levels(lesson, *values)}
    return actions.save_observation(
        lesson, observer, scores=scores, submit=True, what_worked=what_worked, what_to_develop=what_to_develop
    )


def endpoints(cast, lesson: Lesson, observation: Observation) -> list[tuple[str, str, dict[str, object]]]:
    n, les, o, f = cast.network.pk, lesson.pk, observation.pk, lesson.form_id
    return [
        ("get", f"/api/v1/networks/{n}/lessons/", {}),
        ("get", f"/api/v1/lessons/{les}/", {}),
        ("get", f"/api/v1/networks/{n}/observation-forms/", {}),
        ("get", f"/api/v1/networks/{n}/observation-forms/{f}/", {}),
        ("get", f"/api/v1/lessons/{les}/observations/", {}),
        ("post", f"/api/v1/lessons/{les}/observations/", {"comments": "Жақсы"}),
        # What only the lesson's organisers (and the teacher, for feedback) may do:
        ("get", f"/api/v1/lessons/{les}/feedback/", {}),
        ("post", f"/api/v1/lessons/{les}/release/", {}),
        ("get", f"/api/v1/lessons/{les}/observations/{o}/", {}),
        ("patch", f"/api/v1/lessons/{les}/observations/{o}/", {"comments": "Өзгерді"}),
        ("post", f"/api/v1/lessons/{les}/observations/{o}/submit/", {}),
    ]


@pytest.fixture
def lesson(cast) -> Lesson:
    return make_lesson(cast)


@pytest.fixture
def coach_draft(cast, lesson) -> Observation:
    scores = {row["criterion"]: row["score"] for row in levels(lesson, 3, 4)}
    return actions.save_observation(lesson, cast.coach, scores=scores, what_worked="Топтық жұмыс")


def test_it_answers_404_to_an_outsider_on_every_lesson_endpoint(cast, lesson, coach_draft):
    client = api_as(cast.outsider)
    for method, url, data in endpoints(cast, lesson, coach_draft):
        response = getattr(client, method)(url, data, format="json")
        assert response.status_code == 404, (method, url, response.status_code)
        assert response["Content-Type"] == "application/problem+json"
    assert not Observation.objects.filter(observer=cast.outsider).exists()


def test_it_answers_403_to_members_who_do_not_organise_the_lesson(cast, lesson, coach_draft):
    for person in (cast.director, cast.methodologist):
        client = api_as(person)
        for method, url, data in endpoints(cast, lesson, coach_draft)[6:]:
            response = getattr(client, method)(url, data, format="json")
            assert response.status_code == 403, (person, method, url, response.status_code)
    coach_draft.refresh_from_db()
    assert coach_draft.comments == "" and not coach_draft.is_submitted
    # Reading what every reader of the network reads is theirs, and observing too: an
    # outside view (the methodologist) is what open lessons are for.
    client = api_as(cast.methodologist)
    for method, url, _data in endpoints(cast, lesson, coach_draft)[:5]:
        assert getattr(client, method)(url).status_code == 200, url
    observed = client.post(f"/api/v1/lessons/{lesson.pk}/observations/", {"comments": "Сырттан"}, format="json")
    assert observed.status_code == 201, observed.json()
    # The teacher does not observe their own lesson.
    own = api_as(cast.teacher).post(f"/api/v1/lessons/{lesson.pk}/observations/", {}, format="json")
    assert own.status_code == 403


def test_it_lists_the_lessons_the_pages_show(cast, lesson, research_holder):
    research = bare_lesson(cast)  # held by the research cycle of the fixture
    bare_lesson(cast, topic="Ешкім ұстамайтын сабақ")  # nothing holds it: no page, so not listed
    for person in (cast.teacher, cast.methodologist):
        listed = [
            row["id"] for row in api_as(person).get(f"/api/v1/networks/{cast.network.pk}/lessons/").json()["results"]
        ]
        expected = set(lessons_visible_to(person).filter(network=cast.network).values_list("pk", flat=True))
        assert set(listed) == expected == {lesson.pk, research.pk}


def test_it_shows_a_lesson_with_what_holds_it(cast, lesson, coach_draft):
    event = lesson.event_link.event
    body = api_as(cast.leader).get(f"/api/v1/lessons/{lesson.pk}/").json()
    assert body["topic"] == "Квадрат теңдеулерді шешу"
    assert body["teacher"]["full_name"] == cast.teacher.full_name
    assert body["held_by"]["title"] == event.title
    assert body["held_by"]["url"] == f"http://testserver{event.get_absolute_url()}"
    assert body["held_by"]["day"] == event.local_date.isoformat()
    assert body["can_organise"] is True and body["may_observe"] is True
    assert body["observers"] == 0  # the coach's is a draft
    teacher = api_as(cast.teacher).get(f"/api/v1/lessons/{lesson.pk}/").json()
    assert teacher["can_organise"] is False and teacher["may_observe"] is False
    coach = api_as(cast.coach).get(f"/api/v1/lessons/{lesson.pk}/").json()
    assert coach["my_observation"] == coach_draft.pk


def test_it_lets_the_holder_decide_who_organises_a_lesson(cast, research_holder):
    lesson = bare_lesson(cast)
    submitted(lesson, cast.director, 2, 3)
    # The research cycle's organiser is the coach, not the network's leader.
    assert api_as(cast.leader).post(f"/api/v1/lessons/{lesson.pk}/release/", {}, format="json").status_code == 403
    released = api_as(cast.coach).post(f"/api/v1/lessons/{lesson.pk}/release/", {}, format="json")
    assert released.status_code == 200 and released.json() == {"released": 1}


def test_it_reads_the_observation_forms_with_criteria_and_levels(cast, lesson):
    form = lesson.form
    body = api_as(cast.teacher).get(f"/api/v1/networks/{cast.network.pk}/observation-forms/{form.pk}/").json()
    assert body["name"] == "Сабақты бақылау парағы"
    assert [c["title"] for c in body["criteria"]] == ["Оқу мақсаттарының айқындығы", "Диалогтық оқыту"]
    assert body["criteria"][0]["levels"][0] == {"score": 1, "descriptor": "1-деңгей"}
    assert len(body["criteria"][1]["levels"]) == 4


def test_it_keeps_the_observers_draft_and_refuses_a_stale_change(cast, lesson):
    client = api_as(cast.coach)
    url = f"/api/v1/lessons/{lesson.pk}/observations/"
    first = client.post(url, {"scores": levels(lesson, 3, 4)[:1], "what_worked": "Сұрақтар"}, format="json")
    assert first.status_code == 201, first.json()
    draft = first.json()
    assert draft["is_submitted"] is False and draft["scores"] == levels(lesson, 3, 4)[:1]
    # A draft begun meanwhile (another device): the second beginning is stale.
    assert client.post(url, {"what_worked": "Басқа"}, format="json").status_code == 409
    mine = f"{url}{draft['id']}/"
    laptop = client.patch(mine, {"comments": "Ноутбуктан", "version": draft["version"]}, format="json")
    assert laptop.status_code == 200 and laptop.json()["what_worked"] == "Сұрақтар"
    phone = client.patch(mine, {"comments": "Телефоннан", "version": draft["version"]}, format="json")
    assert phone.status_code == 409
    assert Observation.objects.get(pk=draft["id"]).comments == "Ноутбуктан"
    # Submitting wants every criterion scored, as the page does.
    incomplete = client.post(f"{mine}submit/", {}, format="json")
    assert incomplete.status_code == 400
    assert "Choose a level for every criterion before you submit." in str(incomplete.json()["errors"])
    wrong = [{"criterion": levels(lesson, 1, 1)[1]["criterion"], "score": 9}]
    bad_level = client.patch(mine, {"scores": wrong}, format="json")
    assert bad_level.status_code == 400
    client.patch(mine, {"scores": levels(lesson, 3, 4)}, format="json")
    done = client.post(f"{mine}submit/", {}, format="json")
    assert done.status_code == 200 and done.json()["is_submitted"] is True
    assert done.json()["comments"] == "Ноутбуктан"
    assert client.patch(mine, {"comments": "Кеш"}, format="json").status_code == 400


def test_it_gives_the_teacher_the_feedback_once_released(cast, lesson):
    coach = submitted(lesson, cast.coach, 4, 3, what_worked="Пікірталас")
    submitted(lesson, cast.director, 2, 3, what_to_develop="Уақыт")
    teacher = api_as(cast.teacher)
    url = f"/api/v1/lessons/{lesson.pk}/feedback/"
    held = teacher.get(url).json()
    assert held["released_only"] is True and held["observers"] == 0 and held["held_back"] == 2
    assert held["what_worked"] == []
    organiser = api_as(cast.leader).get(url).json()
    assert organiser["released_only"] is False and organiser["observers"] == 2
    assert organiser["criteria"][0]["average"] == 3.0
    assert [level["count"] for level in organiser["criteria"][0]["levels"]] == [0, 1, 0, 1]
    one = api_as(cast.coordinator).post(
        f"/api/v1/lessons/{lesson.pk}/release/", {"observation": coach.pk}, format="json"
    )
    assert one.json() == {"released": 1}
    assert Notice.objects.filter(recipient=cast.teacher, kind=notices.RELEASED.key).count() == 1
    released = teacher.get(url).json()
    assert released["observers"] == 1 and released["held_back"] == 1
    assert released["what_worked"] == ["Пікірталас"] and released["what_to_develop"] == []
    assert released["criteria"][0]["average"] == 4.0
    unknown = api_as(cast.leader).post(f"/api/v1/lessons/{lesson.pk}/release/", {"observation": 10**9}, format="json")
    assert unknown.status_code == 404


def test_it_shows_each_their_own_observations_and_the_organisers_all(cast, lesson, coach_draft):
    submitted(lesson, cast.director, 2, 3)
    url = f"/api/v1/lessons/{lesson.pk}/observations/"
    coach = [row["id"] for row in api_as(cast.coach).get(url).json()["results"]]
    assert coach == [coach_draft.pk]
    everyone = api_as(cast.leader).get(url).json()["results"]
    assert {row["observer"]["full_name"] for row in everyone} == {cast.coach.full_name, cast.director.full_name}
    assert api_as(cast.teacher).get(url).json()["results"] == []


def test_it_answers_304_when_the_client_holds_the_lesson_already(cast, lesson):
    client = api_as(cast.teacher)
    url = f"/api/v1/lessons/{lesson.pk}/"
    first = client.get(url)
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    submitted(lesson, cast.coach, 1, 1)
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_it_lists_lessons_forms_and_observations_in_the_same_queries_for_any_number(
    cast, lesson, django_assert_max_num_queries
):
    event = lesson.event_link.event
    leader = api_as(cast.leader)
    urls = [
        f"/api/v1/networks/{cast.network.pk}/lessons/",
        f"/api/v1/networks/{cast.network.pk}/observation-forms/",
        f"/api/v1/lessons/{lesson.pk}/observations/",
    ]
    # 8, and 1 more since a holder keeps its lessons private (Lesson Study registers
    # private_to): get_lesson_for_user asks observations.holders.is_shown_to.
    for url in urls:
        with django_assert_max_num_queries(9):
            assert leader.get(url).status_code == 200
    for _number in range(6):
        other = make_lesson(cast, event, form=make_form(cast, criteria=3))
        submitted(other, cast.coach, 1, 2, 3)
    for person in (cast.coach, cast.director, cast.coordinator):
        submitted(lesson, person, 2, 2)
    for url in urls:
        with django_assert_max_num_queries(9):
            assert len(leader.get(url).json()["results"]) >= 3
