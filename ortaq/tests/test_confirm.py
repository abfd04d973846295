"""The one confirmation of destructive actions (ortaq/lib/confirm.py): only its own
POST acts, it carries on what the first form sent, and every view whose address says
it deletes, removes, revokes, withdraws or calls off uses it."""

from __future__ import annotations

import inspect
import re

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver

from ortaq.lib import confirm

DESTRUCTIVE = re.compile(r"delete|remove|revoke|withdraw|cancel|decline|leave")


def url_patterns(resolver: URLResolver, namespace: str = "") -> list[tuple[str, URLPattern]]:
    found = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found += url_patterns(entry, inner)
        elif entry.name:
            found.append((f"{namespace}{entry.name}", entry))
    return found


def test_every_destructive_view_asks_first():
    views = {
        name: pattern.callback
        for name, pattern in url_patterns(get_resolver())
        if DESTRUCTIVE.search(name)
        # The admin asks in its own way; an API call is itself the decision, made by a
        # program whose person was asked there (README, «The API»).
        and not name.startswith(("admin:", "api:"))
    }
    assert {"networks:member_remove", "networks:group_delete", "materials:delete", "awards:revoke"} <= set(views)
    silent = [name for name, view in views.items() if "confirm.confirmed(request)" not in inspect.getsource(view)]
    assert silent == [], "these act on one click; ask with ortaq.lib.confirm"


def test_only_a_post_with_confirmed_is_confirmed():
    factory = RequestFactory()
    assert not confirm.confirmed(factory.get("/x/", {"confirmed": "yes"}))
    assert not confirm.confirmed(factory.post("/x/", {"reason": "Қате"}))
    assert not confirm.confirmed(factory.post("/x/", {"confirmed": ""}))
    assert confirm.confirmed(factory.post("/x/", {"confirmed": "yes"}))


class ReasonForm(forms.Form):
    reason = forms.CharField()


@pytest.mark.django_db
def test_the_page_carries_on_what_the_first_form_sent():
    request = RequestFactory().post("/x/1/delete/", {"next": "/back/", "tag": ["a", "b"], "reason": "Қате"})
    request.user = AnonymousUser()
    response = confirm.ask(
        request,
        question="Delete it?",
        button="Delete",
        back="/x/1/",
        losses=["3 tasks"],
        form=ReasonForm(initial={"reason": "Қате"}),
    )
    page = response.content.decode()
    assert '<form method="post" action="/x/1/delete/" class="card confirm"' in page
    assert '<input type="hidden" name="next" value="/back/">' in page
    assert '<input type="hidden" name="tag" value="a">' in page and 'name="tag" value="b"' in page
    assert page.count('name="reason"') == 1 and 'value="Қате"' in page  # shown once, in the form
    assert "csrfmiddlewaretoken" in page and page.count('name="csrfmiddlewaretoken"') == 1
    assert "<li>3 tasks</li>" in page and 'href="/x/1/"' in page
