"""Rendering a post: Markdown with @mentions of the forum's members, sanitized.

Two ways to mention someone (both documented on the writing form):

- ``@[Full Name](42)`` — what the member picker shows to copy: the name and the
  person's number. Unambiguous, and it reveals nothing about their e-mail.
- ``@aigul`` — the part of the member's e-mail address before the «@»
  (aigul@school.kz). If two members share it, it mentions nobody.

A mention becomes a link to the person only when they are in the forum's audience
(``Forum.audience``); anything else stays plain text and notifies no one. Mentions
inside `code` are left alone.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Q
from django.urls import reverse

from ortaq.lib.markdown import render_markdown

if TYPE_CHECKING:
    from accounts.models import User
    from forums.models import Forum

# Code first, so that a mention inside a code span or block is skipped.
MENTION = re.compile(
    r"(?P<code>```.*?```|`[^`\n]*`)"
    r"|@\[(?P<name>[^\]\n]{1,200})\]\((?P<id>\d{1,12})\)"
    r"|(?<![\w@.+\-])@(?P<local>[A-Za-z0-9](?:[A-Za-z0-9._+\-]{0,62}[A-Za-z0-9])?)(?![\w@])",
    re.DOTALL,
)
MAX_MENTIONS = 30  # more than this in one post is a mass mailing, not a conversation
_MARKDOWN_SPECIALS = str.maketrans({c: f"\\{c}" for c in "\\`*_[](){}#!"})


@dataclass
class Rendered:
    html: str
    mentioned: list[User] = field(default_factory=list)


def _escape(name: str) -> str:
    return html.escape(name, quote=False).translate(_MARKDOWN_SPECIALS)


def find_mentions(text: str) -> tuple[set[int], set[str]]:
    ids: set[int] = set()
    locals_: set[str] = set()
    for match in MENTION.finditer(text or ""):
        if match["id"]:
            ids.add(int(match["id"]))
        elif match["local"]:
            locals_.add(match["local"].lower())
        if len(ids) + len(locals_) >= MAX_MENTIONS:
            break
    return ids, locals_


def resolve_mentions(text: str, forum: Forum) -> tuple[dict[int, User], dict[str, User]]:
    """The mentioned people who are in the forum's audience, by number and by e-mail local part."""
    ids, locals_ = find_mentions(text)
    if not ids and not locals_:
        return {}, {}
    condition = Q(pk__in=ids)
    for local in locals_:
        condition |= Q(email__startswith=f"{local}@")
    people = list(forum.audience().filter(condition).only("pk", "email", "full_name"))
    by_id = {person.pk: person for person in people if person.pk in ids}
    by_local: dict[str, list[User]] = {}
    for person in people:
        by_local.setdefault(person.email.split("@", 1)[0], []).append(person)
    unique = {local: found[0] for local, found in by_local.items() if local in locals_ and len(found) == 1}
    return by_id, unique


def render_post(text: str, forum: Forum) -> Rendered:
    by_id, by_local = resolve_mentions(text, forum)
    mentioned: dict[int, User] = {}

    def replace(match: re.Match[str]) -> str:
        if match["code"]:
            return match[0]
        person = by_id.get(int(match["id"])) if match["id"] else by_local.get(match["local"].lower())
        if person is None:
            # Not a member here: plain text, never a link (not even to a number).
            return f"@{_escape(match['name'])}" if match["name"] else match[0]
        mentioned[person.pk] = person
        url = reverse("networks:person", args=[person.pk])
        return f"[@{_escape(person.full_name)}]({url})"

    source = MENTION.sub(replace, text or "")
    return Rendered(html=render_markdown(source), mentioned=list(mentioned.values()))
