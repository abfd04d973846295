"""Who may open what: every surveys view refuses outsiders (404, as for what does not
exist), sends anonymous visitors to sign in, answers 403 to members who may read but
not run surveys, and lets leaders, coordinators and methodologists run them."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from networks.models import Role
from networks.tests.factories import member
from ortaq.testing import as_user
from surveys import actions
from surveys.models import Link, Survey
from surveys.permissions import get_survey_for_user, surveys_visible_to
from surveys.tests.factories import make_survey

pytestmark = pytest.mark.django_db


def urls(cast, library) -> dict[str, list[tuple[str, str]]]:
    survey = make_survey(cast, library["event-feedback"])
    public = make_survey(cast, library["parents-engagement"], audience="link")
    link = actions.create_links(public, count=1, single_use=False)[0]
    draft = make_survey(cast, library["needs-assessment"], send=False)
    s, n = survey.pk, cast.network.pk
    read = [("get", reverse("surveys:network", args=[n])), ("get", reverse("surveys:detail", args=[s]))]
    run = [
        ("get", reverse("surveys:create", args=[n])),
        ("post", reverse("surveys:create", args=[n])),
        ("post", reverse("surveys:send", args=[draft.pk])),
        ("get", reverse("surveys:close", args=[s])),
        ("post", reverse("surveys:close", args=[s])),
        ("post", reverse("surveys:remind", args=[s])),
        ("get", reverse("surveys:links", args=[public.pk])),
        ("post", reverse("surveys:links", args=[public.pk])),
        ("get", reverse("surveys:links_print", args=[public.pk])),
        ("get", reverse("surveys:link_revoke", args=[link.pk])),
        ("post", reverse("surveys:link_revoke", args=[link.pk])),
        ("get", reverse("surveys:results", args=[s])),
        ("get", reverse("surveys:results", args=[s]) + "?q=коучинг"),
        ("get", reverse("surveys:surveyjs_export", args=[n, survey.version.instrument_id])),
        ("get", reverse("surveys:xlsform_export", args=[n, survey.version.instrument_id])),
        ("post", reverse("surveys:surveyjs_import", args=[n])),
        ("post", reverse("surveys:xlsform_import", args=[n])),
    ]
    answer = [("get", reverse("surveys:answer", args=[s])), ("post", reverse("surveys:answer", args=[s]))]
    done = [("get", reverse("surveys:done", args=[s]))]
    names = ("surveys:export_csv", "surveys:export_xlsx", "surveys:export_docx", "surveys:codebook")
    exports = [("get", reverse(name, args=[s])) for name in names]
    return {"read": read, "run": run, "answer": answer, "done": done, "exports": exports}


def call(client: Client, method: str, url: str) -> int:
    return int(getattr(client, method)(url).status_code)


def state() -> tuple[object, ...]:
    return (
        Survey.objects.filter(sent_at__isnull=False).count(),
        Link.objects.filter(revoked_at__isnull=True).count(),
        list(Survey.objects.values_list("closes_at", flat=True)),
    )


def test_outsiders_get_404_everywhere_and_nothing_changes(cast, library):
    groups = urls(cast, library)
    before = state()
    client = as_user(cast.outsider)
    for group in groups.values():
        for method, url in group:
            assert call(client, method, url) == 404, (method, url)
    assert state() == before


def test_anonymous_visitors_are_sent_to_sign_in(cast, library):
    client = Client()
    for group in urls(cast, library).values():
        for method, url in group:
            response = getattr(client, method)(url)
            assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login")), url
    assert call(client, "get", reverse("surveys:mine")) == 302


@pytest.mark.parametrize("who", ["teacher", "director", "coach", "methodologist"])
def test_members_and_the_district_methodologist_read_but_may_not_run_surveys(cast, library, who):
    groups = urls(cast, library)
    before = state()
    client = as_user(getattr(cast, who))
    for method, url in groups["read"]:
        assert call(client, method, url) == 200, url
    for method, url in groups["run"] + groups["exports"]:
        assert call(client, method, url) == 403, (who, method, url)
    assert state() == before


def test_leaders_coordinators_and_methodologist_members_run_surveys(cast, library):
    groups = urls(cast, library)
    methodologist = member(cast.network, Role.METHODOLOGIST, email="m@example.kz", school=cast.leading_school)
    for person in (cast.leader, cast.coordinator, methodologist):
        client = as_user(person)
        for method, url in groups["run"]:
            if method == "get":
                assert call(client, method, url) == 200, (person, url)
        # Exports: the codebook at once, the answers only from five respondents on.
        assert [call(client, "get", url) for _method, url in groups["exports"]] == [302, 302, 302, 200]


def test_the_district_methodologist_is_not_asked_and_may_not_answer(cast, library):
    groups = urls(cast, library)
    client = as_user(cast.methodologist)
    assert call(client, "get", groups["answer"][0][1]) == 403


def test_a_public_link_opens_only_its_survey(cast, library):
    public = make_survey(cast, library["parents-engagement"], audience="link")
    link = actions.create_links(public, count=1, single_use=False)[0]
    visitor = Client()
    assert visitor.get(link.get_absolute_url()).status_code == 200
    assert visitor.get(reverse("surveys:public", args=["not-a-token"])).status_code == 404
    assert visitor.get(reverse("surveys:results", args=[public.pk])).status_code == 302
    actions.revoke_link(link)
    assert visitor.get(link.get_absolute_url()).status_code == 404
    # A survey for members has no public address, whatever its links.
    members_only = make_survey(cast, library["event-feedback"])
    stray = Link.objects.create(survey=members_only)
    assert visitor.get(stray.get_absolute_url()).status_code == 404


def test_the_list_shows_what_the_pages_let_one_open(cast, library):
    urls(cast, library)
    for person in (cast.teacher, cast.leader, cast.methodologist, cast.outsider):
        listed = set(surveys_visible_to(person).values_list("pk", flat=True))
        openable = set()
        for survey in Survey.objects.all():
            try:
                get_survey_for_user(person, survey.pk)
            except Exception:  # noqa: S112 (a refusal is what is being counted)
                continue
            openable.add(survey.pk)
        assert listed == openable, person
