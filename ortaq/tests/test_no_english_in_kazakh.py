"""The Kazakh interface must not leak English. Each page is rendered in Kazakh and
its visible text (tags, scripts and attributes stripped) is searched for English
words; what legitimately stays Latin (e-mail addresses, the product name, language
codes) is allowed."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from ortaq.testing import crawl, demo_client, english_words

pytestmark = pytest.mark.django_db


def pages(cast) -> list[str]:
    n = cast.network.pk
    return [
        reverse("networks:list"),
        reverse("networks:create"),
        reverse("networks:detail", args=[n]),
        reverse("networks:edit", args=[n]),
        reverse("networks:translate", args=[n, "ru"]),
        reverse("networks:schools", args=[n]),
        reverse("networks:members", args=[n]),
        reverse("networks:invitation_create", args=[n]),
        reverse("networks:group_create", args=[n]),
        reverse("networks:group", args=[n, cast.group.pk]),
        reverse("networks:group_edit", args=[n, cast.group.pk]),
        reverse("accounts:profile"),
        reverse("networks:person", args=[cast.teacher.pk]),
        reverse("accounts:password_change"),
    ]


def test_signed_in_pages_have_no_english_in_kazakh(cast):
    from networks.models import Invitation, JoinRequest

    Invitation.objects.create(network=cast.network, school=cast.attached_school)
    JoinRequest.objects.create(network=cast.network, user=cast.outsider, message="Қосылғым келеді")
    client = Client()
    client.force_login(cast.leader)
    for url in pages(cast):
        response = client.get(url)
        assert response.status_code == 200, url
        assert english_words(response.content.decode()) == set(), url


def test_public_pages_have_no_english_in_kazakh(cast):
    client = Client(HTTP_ACCEPT_LANGUAGE="kk")
    urls = [
        "/",
        reverse("accounts:login"),
        reverse("accounts:signup"),
        reverse("accounts:password_reset"),
        reverse("accounts:password_reset_done"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert english_words(response.content.decode()) == set(), url
    response = client.post(reverse("accounts:login"), {"username": "x@example.kz", "password": "nope"})
    assert english_words(response.content.decode()) == set()
    response = client.post(reverse("accounts:signup"), {"full_name": "", "email": "bad", "password": "1"})
    assert english_words(response.content.decode()) == set()


def confirmation_pages(cast) -> list[tuple[User, str]]:
    """Every question asked before a destructive action (ortaq/lib/confirm.py), with who asks it."""
    import datetime

    from django.utils import timezone

    from accounts.tests.factories import CertificationFactory
    from awards.actions import issue_award
    from events.actions import register
    from events.models import Participation
    from events.tests.factories import make_event, online_series
    from forums import actions as forum_actions
    from forums.models import Category, Forum
    from materials import actions as material_actions
    from materials.tests.factories import publish
    from networks.models import Invitation

    n, g = cast.network.pk, cast.group.pk
    task = cast.group.tasks.create(title="Жоспар құру")
    invitation = Invitation.objects.create(network=cast.network, created_by=cast.leader)
    forum = Forum.objects.create(network=cast.network, group=cast.group)
    Forum.objects.create(network=cast.network)
    thread = forum_actions.start_thread(forum, by=cast.coach, title="Жоспар", body="Бастаймыз", category=None)
    reply = forum_actions.reply(thread, by=cast.teacher, body="Келісемін")
    category = Category.objects.create(forum=forum, name="Бағалау", position=1)
    material = publish(cast)
    comment = material_actions.comment(material, author=cast.coach, body="Пікір")
    collection = material_actions.create_collection(cast.network, by=cast.coach, title="Топтама")
    item = material_actions.add_to_collection(collection, material, by=cast.coach)
    event = make_event(cast, capacity=1)
    register(event, cast.coach)
    register(event, cast.teacher)
    series = online_series(cast)
    held = make_event(cast, timezone.localdate() - datetime.timedelta(days=3), kind="seminar")
    Participation.objects.create(event=held, user=cast.teacher, status="registered", attendance="present")
    award = issue_award(held, cast.teacher, by=cast.leader, kind="thanks")
    certification = CertificationFactory.create(user=cast.teacher)
    member = cast.network.memberships.get(user=cast.coach).pk
    own = cast.network.memberships.get(user=cast.teacher).pk
    return [
        (cast.leader, reverse("networks:member_remove", args=[n, member])),
        (cast.teacher, reverse("networks:member_remove", args=[n, own])),
        (cast.leader, reverse("networks:group_delete", args=[n, g])),
        (cast.leader, reverse("networks:school_remove", args=[n, cast.leading_school.pk])),
        (cast.leader, reverse("networks:invitation_revoke", args=[n, invitation.pk])),
        (cast.leader, reverse("networks:task_delete", args=[n, g, task.pk])),
        (cast.leader, reverse("forums:post_delete", args=[thread.posts.get(number=1).pk])),
        (cast.teacher, reverse("forums:post_delete", args=[reply.pk])),
        (cast.leader, reverse("forums:post_delete", args=[reply.pk])),
        (cast.leader, reverse("forums:category_delete", args=[category.pk])),
        (cast.teacher, reverse("materials:delete", args=[material.pk])),
        (cast.coach, reverse("materials:comment_delete", args=[comment.pk])),
        (cast.coach, reverse("materials:collection_delete", args=[collection.pk])),
        (cast.coach, reverse("materials:collection_item_remove", args=[collection.pk, item.pk])),
        (cast.leader, reverse("events:cancel", args=[event.pk])),
        (cast.leader, reverse("events:series_cancel", args=[series.pk])),
        (cast.coach, reverse("events:decline", args=[event.pk])),
        (cast.teacher, reverse("events:decline", args=[event.pk])),
        (cast.leader, reverse("awards:revoke", args=[award.pk])),
        (cast.teacher, reverse("accounts:certification_delete", args=[certification.pk])),
    ]


def test_every_confirmation_reads_kazakh(cast):
    for person, url in confirmation_pages(cast):
        client = Client()
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == 200, url
        assert "confirm.html" in [t.name for t in response.templates], url
        assert english_words(response.content.decode()) == set(), url


# --- Every page of the demo ---------------------------------------------------------------

# The demo's own content may be Latin: an English lesson «Holidays», «INSERT» (a
# reading strategy), licences «CC BY», verification codes. Those words are read from
# the database; any other English word on a page is the interface leaking.
CONTENT_APPS = {"accounts", "networks", "schools", "subjects", "forums", "materials", "events"}
CONTENT_APPS |= {"observations", "awards"}  # they left events with their rows (award codes)


def content_words() -> set[str]:
    from django.apps import apps
    from django.db import models

    words: set[str] = set()
    for model in apps.get_models():
        if model._meta.app_label not in CONTENT_APPS:
            continue
        kinds = models.CharField | models.TextField | models.JSONField  # JSON: a charter's translations
        fields = [f.name for f in model._meta.concrete_fields if isinstance(f, kinds)]
        if not fields:
            continue
        for row in model._default_manager.values_list(*fields).iterator():
            for text in strings(row):
                words.update(w.lower() for w in re.findall(r"[A-Za-z]{2,}", text))
    return words


def strings(value: object) -> list[str]:
    """The texts inside a value (a JSON field's values, nested)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list | tuple):
        return [text for item in value for text in strings(item)]
    return []


def english_of_each_page(client: Client, start: list[str]) -> tuple[dict[str, set[str]], dict[str, int], set[str]]:
    """The English words of each page that has any, the pages that did not answer 200
    or a redirect, and every page visited."""
    leaks: dict[str, set[str]] = {}
    failures: dict[str, int] = {}
    seen = set()
    for url, response in crawl(client, start):
        seen.add(url)
        if response.status_code not in (200, 301, 302):
            failures[url] = response.status_code
        is_page = response.status_code == 200 and "text/html" in response.get("Content-Type", "")
        if is_page and (words := english_words(response.content.decode())):
            leaks[url] = words
    return leaks, failures, seen


@pytest.mark.parametrize("email", ["leader@demo.ortaq.kz", "teacher@demo.ortaq.kz", None])
def test_every_page_of_the_demo_reads_kazakh(email):
    client = demo_client(email)
    leaks, failures, seen = english_of_each_page(client, ["/", reverse("search:results") + "?q=сабақ"])
    sections = {url.split("/")[1] for url in seen}
    assert {"forum", "library", "events", "search"} <= sections if email else {"search"} <= sections
    allowed = content_words()
    leaks = {url: words - allowed for url, words in leaks.items() if words - allowed}
    assert leaks == {}
    assert failures == {}


# --- The admin ------------------------------------------------------------------------------

# Names the admin writes as they are: the keys and the computer of «hold down Control,
# or Command on a Mac» under a list that takes several choices.
ADMIN_NAMES = {"control", "command", "mac"}


class AdminLabels(HTMLParser):
    """The words the admin itself writes on a page: column headers, filter titles,
    field labels and help, fieldset and inline headings, the index's model names and
    the page's heading; never the rows' content (names, titles, codes)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.stack.append((tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def inside(self, tag: str, **wanted: str) -> bool:
        return any(t == tag and all(wanted[k] in a.get(k, "").split() for k in wanted) for t, a in self.stack)

    def labels(self) -> bool:
        if self.inside("select") or self.inside("textarea") or self.inside("option"):
            return False
        in_filters = self.inside("nav", id="changelist-filter") or self.inside("div", id="changelist-filter")
        if in_filters:
            return self.inside("summary") or self.inside("h2") or self.inside("h3")
        return (
            (self.inside("thead") and self.inside("th"))
            or self.inside("label")
            or self.inside("legend")
            or self.inside("h1")
            or self.inside("caption")
            or self.inside("th", scope="row")
            or self.inside("div", **{"class": "help"})
            or (self.inside("fieldset") and self.inside("h2"))
            or (self.inside("div", **{"class": "inline-group"}) and self.inside("h2"))
        )

    def handle_data(self, data: str) -> None:
        if self.stack and self.labels():
            self.parts.append(data)


def admin_labels(html: str) -> str:
    parser = AdminLabels()
    parser.feed(html)
    return " ".join(parser.parts)


def test_the_admin_labels_are_read_as_the_admin_writes_them():
    html = """<h1>Өзгерту үшін желі таңдаңыз</h1><nav id="changelist-filter"><details><summary>network бойынша</summary>
    <ul><li><a href="?">Barlyq Shuaq</a></li></ul></details></nav><table><thead><tr><th><a>Sent by</a></th></tr></thead>
    <tbody><tr><th class="field-name"><a>Holidays</a></th><td>English lesson</td></tr></tbody></table>
    <label for="x">Event:</label><select><option>Open lesson</option></select><div class="help">Up to 5</div>"""
    assert english_words(admin_labels(html)) == {"network", "sent", "event", "up", "to"}


def admin_pages() -> list[tuple[str, bool]]:
    """Every page of the admin: its index, each app's, and for each model its list,
    its add form and the change form of a row; True where the page may refuse (a model
    that takes no additions)."""
    from django.contrib import admin

    pages = [(reverse("admin:index"), False)]
    pages += [
        (reverse("admin:app_list", args=[label]), False) for label in {m._meta.app_label for m in admin.site._registry}
    ]
    for model in admin.site._registry:
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        pages += [(reverse(f"{info}_changelist"), False), (reverse(f"{info}_add"), True)]
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            pages.append((reverse(f"{info}_change", args=[first.pk]), False))
    return pages


def test_every_admin_page_reads_kazakh():
    client = demo_client("admin@demo.ortaq.kz")
    leaks = {}
    for url, may_refuse in admin_pages():
        response = client.get(url)
        if may_refuse and response.status_code == 403:
            continue
        assert response.status_code == 200, url
        if words := english_words(admin_labels(response.content.decode())) - ADMIN_NAMES:
            leaks[url] = words
    assert leaks == {}
