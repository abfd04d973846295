"""The test kit every app's tests share: the fixed cast (one network with a leader, a
coordinator, a director, a coach, a teacher, a methodologist who sees it through the
district, and an outsider who belongs to nothing) and a client signed in as someone.
Each app's own factories are in its tests/factories.py."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from typing import Any

from django.conf import settings
from django.db import OperationalError, connections
from django.test import Client

from accounts.models import User
from accounts.tests.factories import UserFactory
from networks.models import Group, Network, NetworkSchool, Role
from networks.tests.factories import NetworkFactory, member
from schools.models import School
from schools.tests.factories import SchoolFactory


def as_user(user: User) -> Client:
    """A test client signed in as the person."""
    client = Client()
    client.force_login(user)
    return client


@dataclass
class Cast:
    network: Network
    leading_school: School
    attached_school: School
    leader: User
    coordinator: User
    director: User
    coach: User
    teacher: User
    methodologist: User
    outsider: User
    group: Group


def make_cast() -> Cast:
    network = NetworkFactory(name="Шуақ")
    leading = SchoolFactory(name="Абай атындағы мектеп-гимназия")
    attached = SchoolFactory(name="№7 орта мектеп")
    NetworkSchool.objects.create(network=network, school=leading, role=NetworkSchool.Role.LEADING)
    NetworkSchool.objects.create(network=network, school=attached, role=NetworkSchool.Role.ATTACHED)
    leader = member(network, Role.LEADER, email="leader@example.kz", full_name="Әлиева Гүлназ", school=leading)
    coordinator = member(
        network, Role.COORDINATOR, email="coordinator@example.kz", full_name="Сейітов Нұрлан", school=leading
    )
    director = member(network, Role.DIRECTOR, email="director@example.kz", full_name="Омарова Сәуле", school=attached)
    coach = member(network, Role.COACH, email="coach@example.kz", full_name="Бекова Айгүл", school=attached)
    teacher = member(network, Role.TEACHER, email="teacher@example.kz", full_name="Жұмабеков Ерлан", school=attached)
    methodologist = UserFactory(email="methodologist@example.kz", full_name="Қасымова Ләззат")
    leading.district.methodologists.add(methodologist)
    outsider = UserFactory(email="outsider@example.kz", full_name="Бөгде Адам")
    group = Group.objects.create(network=network, name="Дамытушы топ", kind=Group.Kind.DEVELOPING, leader=coach)
    group.members.add(coach, teacher)
    return Cast(
        network, leading, attached, leader, coordinator, director, coach, teacher, methodologist, outsider, group
    )


# --- Two people saving one edit form ---------------------------------------------------------


def hidden_value(response: Any, name: str) -> str:
    """The value of a hidden field of the page, as the browser sends it back."""
    found = re.search(rf'<input type="hidden" name="{name}" value="([^"]*)"', response.content.decode())
    assert found, f"no hidden field {name!r} on the page"
    return found[1]


def save_twice(url: str, first: Client, second: Client, first_data: dict[str, Any], second_data: dict[str, Any]) -> Any:
    """Two people open the same edit form, then both save it. The first save must
    succeed; the second's answer is returned."""
    opened = [hidden_value(client.get(url), "version") for client in (first, second)]
    response = first.post(url, {**first_data, "version": opened[0]})
    assert response.status_code == 302, response.status_code
    return second.post(url, {**second_data, "version": opened[1]})


def stale_section(response: Any) -> str:
    """The part of a refused save's page that shows what is saved beside what was typed."""
    assert response.status_code == 409, response.status_code
    html = response.content.decode()
    start = html.index('<section class="card stale-edit"')
    return html[start : html.index("</section>", start)]


# --- People pickers ------------------------------------------------------------------------------


def people_pickers(response: Any) -> dict[str, str]:
    """The page's people pickers (networks/widgets.py): the name of each one's control
    and the address its search box asks."""
    pickers = {}
    for piece in response.content.decode().split('<div class="people-picker" data-people-picker')[1:]:
        search = re.search(r'hx-get="([^"]+)"', piece)
        control = re.search(r'class="people-picker__native[^"]*">.*?name="([^"]+)"', piece, re.S)
        assert search and control, piece[:500]
        pickers[control[1]] = search[1]
    return pickers


# --- Two requests at once ----------------------------------------------------------------------


def retrying_locks(call: Callable[[], Any]) -> Any:
    """``call()`` from a thread of a test. The suite's SQLite is in memory with a shared
    cache, whose locks do not wait as a file database's do: a call that finds the
    database locked is tried again, as cron or a person would."""
    for attempt in range(50):
        try:
            return call()
        except OperationalError as error:
            if "locked" not in str(error) or attempt == 49:
                raise
            time.sleep(0.05)


def side_by_side(first: Callable[[], Any], second: Callable[[], Any], first_holds: threading.Event) -> list[Any]:
    """Runs ``first`` in a thread and, once it sets ``first_holds`` (it is inside its
    transaction), ``second`` in another; returns what each returned or raised. Needs
    ``django_db(transaction=True)``."""
    outcomes: list[Any] = [None, None]

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            outcomes[index] = retrying_locks(call)
        except Exception as error:
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(0, first)), threading.Thread(target=run, args=(1, second))]
    threads[0].start()
    assert first_holds.wait(5), "the first call never got inside its transaction"
    threads[1].start()
    for thread in threads:
        thread.join()
    return outcomes


# --- A form that creates, sent again ---------------------------------------------------------


def send_twice(client: Client, page: str, data: dict[str, Any], action: str | None = None) -> tuple[Any, Any]:
    """Opens the page with the form, then sends it twice with the one-time key the page
    gave (a retry after a dropped connection); returns both answers."""
    sent = {**data, "submission_key": hidden_value(client.get(page), "submission_key")}
    return client.post(action or page, sent), client.post(action or page, sent)


# --- A destructive action asks first (ortaq/lib/confirm.py) ---------------------------------


def asks_first(client: Client, url: str, state: Callable[[], Any], *, shows: list[str], data: Any = None) -> str:
    """The action at ``url`` deletes, removes or calls off something. Opening its
    address and the first click (a POST without ``confirmed``) both show the
    confirmation page, with ``shows`` on it, and change nothing (``state()`` stays the
    same); only the POST that the page sends acts. Returns the page's HTML."""
    data = dict(data or {})
    before = state()
    page = ""
    for response in (client.get(url), client.post(url, data)):
        assert response.status_code == 200, response.status_code
        assert "confirm.html" in [t.name for t in response.templates], "no confirmation page"
        page = unescape(response.content.decode())
        for text in shows:
            assert text in page, text
        assert state() == before, "asking changed something"
    action = re.search(r'<form method="post" action="([^"]+)" class="card confirm"', page)
    assert action and action[1] == url.split("?")[0], "the confirmation posts elsewhere"
    assert 'name="confirmed" value="yes"' in page
    for name, value in data.items():
        assert f'name="{name}"' in page and str(value) in page, f"{name} is not carried on"
    response = client.post(url, {**data, "confirmed": "yes"})
    assert response.status_code == 302, response.status_code
    assert state() != before, "the confirmed action did nothing"
    return page


# --- English words on a Kazakh page -----------------------------------------------------------

# Names that stay Latin in Kazakh too: the product, file formats, Markdown, a URL.
ALLOWED = {"ortaq", "kk", "ru", "en", "english", "pdf", "jpeg", "png", "mb", "kb", "lesson", "study", "markdown", "url"}
ALLOWED |= {"cc", "by", "sa", "nc", "nd"}  # Creative Commons licences
ALLOWED |= {"api", "excel"}  # names of things, as Kazakh writes them
ALLOWED |= {"ctrl"}  # the key, as a keyboard names it (the toolbar's «Ctrl+B»)
ALLOWED |= {"xlsx", "csv", "zip", "json", "docx"}  # file formats
ALLOWED |= {"qr", "surveyjs", "xlsform", "kobotoolbox", "odk"}  # names of things, as Kazakh writes them
ALLOWED |= {"smart"}  # seed 002 writes «SMART (ақылды) мақсаттар»


class VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self.hidden += 1
        for name, value in attrs:
            if name in {"placeholder", "title", "aria-label"} and value:
                self.parts.append(value)
            if tag == "input" and name == "value" and value and dict(attrs).get("type") in {"submit", "button"}:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def english_words(html: str) -> set[str]:
    parser = VisibleText()
    parser.feed(html)
    text = " ".join(parser.parts)
    text = re.sub(r"\S+@\S+", " ", text)  # e-mail addresses
    text = re.sub(r"https?://\S+", " ", text)
    text = re.sub(r"@\w+", " ", text)  # @mentions are e-mail names
    # Award verification codes («5TL2-KBV2-D826») are random letters, not words.
    text = re.sub(r"\b[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}\b", " ", text)
    words = {w.lower() for w in re.findall(r"[A-Za-z]{2,}", text)}
    return words - ALLOWED


# --- Every page of the site, by its links ------------------------------------------------------

# Addresses a crawl does not follow: the admin, files, signing out, switching language.
NOT_CRAWLED = re.compile(r"^/(admin|static|media)/|/logout/|/language/|\.(ics|pdf|png|jpg)$|/(download|files?|feed)/")


def demo_client(email: str | None) -> Client:
    """Loads the demo and returns a client reading it in Kazakh, signed in as the demo's
    ``email`` (a visitor for None)."""
    import os

    from django.core.management import call_command

    with open(os.devnull, "w") as quiet:
        call_command("demo", stdout=quiet)
    client = Client(HTTP_ACCEPT_LANGUAGE="kk")
    if email:
        client.force_login(User.objects.get(email=email))
    return client


def crawl(client: Client, start: list[str], limit: int = 300, per_shape: int = 2) -> Iterator[tuple[str, Any]]:
    """Follows the links of the site from ``start`` and yields each address with its
    answer; ``per_shape`` pages of each address shape (/forum/threads/N/) are enough
    to meet every template."""
    queue, seen, shapes = list(start), set[str](), dict[str, int]()
    while queue and len(seen) < limit:
        url = queue.pop(0)
        shape = re.sub(r"\d+", "N", url.split("?")[0])
        if url in seen or NOT_CRAWLED.search(url) or shapes.get(shape, 0) >= per_shape:
            continue
        seen.add(url)
        shapes[shape] = shapes.get(shape, 0) + 1
        response = client.get(url)
        yield url, response
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            html = response.content.decode()
            queue.extend(href.replace("&amp;", "&") for href in re.findall(r'href="(/[^"#]*)"', html))


def run_at_once(work: Callable[[], object], times: int = 2) -> list[BaseException]:
    """Runs ``work`` in ``times`` threads at once (two cron runs overlapping) and
    returns what they raised; a run that finds the database locked tries again
    (``retrying_locks``), as cron would the next minute."""
    errors: list[BaseException] = []

    def run() -> None:
        try:
            retrying_locks(work)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


# --- In a browser -----------------------------------------------------------------------------


def sign_in(page: Any, live_server: Any, email: str, password: str | None = None) -> None:
    """Signs in through the login form of a browser page (a Playwright page), with the
    demo's password unless given."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", password or settings.ORTAQ_DEMO_PASSWORD)
    page.click("form button[type=submit]:not([name=language])")
    page.wait_for_load_state("networkidle")


# --- The API ---------------------------------------------------------------------------------


def api_as(user: User | None, scope: str = "write", **headers: str) -> Any:
    """A DRF test client sending a personal token of the person (none: anonymous)."""
    from rest_framework.test import APIClient

    from accounts.actions import issue_api_token

    client = APIClient(**headers)
    if user is not None:
        _token, secret = issue_api_token(user, name="test", scope=scope, days=30)
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


# What may differ between two responses of the same page whatever the speed helpers do:
# a CSRF token is masked anew on every page, and a form that creates has a new one-time
# key (accounts/submissions.py).
PER_RESPONSE = re.compile(
    r'(name="csrfmiddlewaretoken" value="|"X-CSRFToken": "|name="submission_key" value=")[\w-]{22,64}'
)


def page_as_shown(client: Client, url: str, *, also: re.Pattern[str] | None = None) -> str:
    """The page's HTML with what differs on every response blanked (``also``: a page's
    own, e.g. a view count; its first group is kept)."""
    response = client.get(url)
    assert response.status_code == 200, url
    html = PER_RESPONSE.sub(r"\1…", response.content.decode())
    return also.sub(r"\1…", html) if also is not None else html


def same_with_and_without_speed_helpers(
    test_settings: Any, clients: list[Client], urls: list[str], *, also: re.Pattern[str] | None = None
) -> list[str]:
    """Asserts that each client reads each page alike with the speed helpers off, on
    with an empty cache, and on from the cache (ortaq/lib/prepared.py, fragments.py);
    returns the plain pages, clients by urls, for the test to look into."""
    from django.core.cache import cache

    def read() -> list[str]:
        return [page_as_shown(client, url, also=also) for client in clients for url in urls]

    test_settings.SPEED_HELPERS = False
    plain = read()
    test_settings.SPEED_HELPERS = True
    cache.clear()
    cold = read()
    warm = read()  # read from the cache this time
    for at, (a, b, c) in enumerate(zip(plain, cold, warm, strict=True)):
        assert a == b == c, urls[at % len(urls)]
    return plain
