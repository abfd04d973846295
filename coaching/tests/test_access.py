"""Who may open what: every view of coaching refuses outsiders (404, as for what does
not exist), sends anonymous visitors to sign in, and answers 403 to those who may read
but not change. The firewall: the leaders know the plan, not its records."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from coaching import actions
from coaching.tests.factories import held_session, make_plan, make_visit
from networks.models import Role
from networks.tests.factories import member
from ortaq.testing import as_user

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
    b"\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82"
)


def urls(cast):
    plan = make_plan(cast)
    session = held_session(plan, cast.coach)
    evidence = actions.add_evidence(session, SimpleUploadedFile("photo.png", PNG), by=cast.coach)
    visit = make_visit(cast, plan)
    p, s = plan.pk, session.pk
    return {
        "plan": ("get", reverse("coaching:plan", args=[p])),
        "plan_edit": ("get", reverse("coaching:plan_edit", args=[p])),
        "share": ("post", reverse("coaching:plan_share", args=[p])),
        "session_create": ("get", reverse("coaching:session_create", args=[p])),
        "visit_create": ("get", reverse("coaching:visit_create", args=[p])),
        "session": ("get", reverse("coaching:session", args=[s])),
        "record": ("get", reverse("coaching:session_record", args=[s])),
        "reflect": ("post", reverse("coaching:session_reflect", args=[s])),
        "evidence": ("get", reverse("coaching:evidence", args=[evidence.pk])),
        "lesson": ("get", reverse("observations:lesson", args=[visit.lesson_id])),
        "observe": ("get", reverse("observations:observe", args=[visit.lesson_id])),
    }


def status_of(client: Client, method: str, url: str) -> int:
    return (client.get(url) if method == "get" else client.post(url, {"text": "Ойланамын", "shared": "1"})).status_code


# Who gets what, page by page: 200/302 pass, 403 read-only, 404 not known.
EXPECTED = {
    "coach": {
        "plan": 200,
        "plan_edit": 200,
        "share": 403,
        "session_create": 200,
        "visit_create": 200,
        "session": 200,
        "record": 200,
        "reflect": 403,
        "evidence": 200,
        "lesson": 200,
        "observe": 200,
    },
    "teacher": {
        "plan": 200,
        "plan_edit": 403,
        "share": 302,
        "session_create": 403,
        "visit_create": 403,
        "session": 200,
        "record": 403,
        "reflect": 302,
        "evidence": 200,
        "lesson": 200,
        "observe": 403,
    },
    # The firewall: the leaders know the plan and may change its header, never the records.
    "leader": {
        "plan": 200,
        "plan_edit": 200,
        "share": 403,
        "session_create": 404,
        "visit_create": 404,
        "session": 404,
        "record": 404,
        "reflect": 404,
        "evidence": 404,
        "lesson": 404,
        "observe": 404,
    },
    "director": {
        "plan": 200,
        "plan_edit": 200,
        "share": 403,
        "session_create": 404,
        "visit_create": 404,
        "session": 404,
        "record": 404,
        "reflect": 404,
        "evidence": 404,
        "lesson": 404,
        "observe": 404,
    },
    "coordinator": {
        "plan": 200,
        "plan_edit": 200,
        "share": 403,
        "session_create": 404,
        "visit_create": 404,
        "session": 404,
        "record": 404,
        "reflect": 404,
        "evidence": 404,
        "lesson": 404,
        "observe": 404,
    },
}
NOT_KNOWN = dict.fromkeys(EXPECTED["coach"], 404)


@pytest.mark.parametrize("who", ["coach", "teacher", "leader", "director", "coordinator"])
def test_it_answers_each_person_by_their_standing(cast, who):
    pages = urls(cast)
    client = as_user(getattr(cast, who))
    got = {name: status_of(client, method, url) for name, (method, url) in pages.items()}
    assert got == EXPECTED[who]


@pytest.mark.parametrize("who", ["outsider", "methodologist", "other_member"])
def test_it_answers_404_to_those_who_do_not_know_the_plan(cast, who):
    pages = urls(cast)
    person = member(cast.network, Role.TEACHER) if who == "other_member" else getattr(cast, who)
    client = as_user(person)
    got = {name: status_of(client, method, url) for name, (method, url) in pages.items()}
    assert got == NOT_KNOWN


def test_it_sends_visitors_to_sign_in(cast):
    pages = urls(cast)
    extra = [("get", reverse("coaching:caseload")), ("get", reverse("coaching:mine")),
             ("get", reverse("coaching:network", args=[cast.network.pk])),
             ("get", reverse("coaching:create", args=[cast.network.pk]))]  # fmt: skip
    for method, url in [*pages.values(), *extra]:
        response = Client().get(url) if method == "get" else Client().post(url)
        assert response.status_code == 302
        assert "/login/" in response["Location"] or "/accounts/" in response["Location"]


def test_it_lets_the_leaders_read_the_records_once_the_teacher_shares_them(cast):
    pages = urls(cast)
    leader = as_user(cast.leader)
    assert leader.get(pages["session"][1]).status_code == 404
    as_user(cast.teacher).post(pages["share"][1], {"shared": "1"})
    assert leader.get(pages["session"][1]).status_code == 200
    assert leader.get(pages["evidence"][1]).status_code == 200
    # Reading is all: the record stays the coach's to write, the visit's lesson theirs.
    assert leader.get(pages["record"][1]).status_code == 403
    assert leader.get(pages["lesson"][1]).status_code == 404
    as_user(cast.teacher).post(pages["share"][1], {"shared": "0"})
    assert leader.get(pages["session"][1]).status_code == 404


def test_it_lets_organisers_and_directors_start_a_plan_and_no_one_else(cast):
    url = reverse("coaching:create", args=[cast.network.pk])
    assert as_user(cast.leader).get(url).status_code == 200
    assert as_user(cast.director).get(url).status_code == 200
    assert as_user(cast.teacher).get(url).status_code == 403
    assert as_user(cast.coach).get(url).status_code == 403
    assert as_user(cast.outsider).get(url).status_code == 404


def test_it_shows_the_network_list_to_readers_and_refuses_outsiders(cast):
    url = reverse("coaching:network", args=[cast.network.pk])
    assert as_user(cast.teacher).get(url).status_code == 200
    assert as_user(cast.outsider).get(url).status_code == 404
