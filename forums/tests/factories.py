"""Helpers of the forum tests: sign in, start a discussion, add many replies fast."""

from __future__ import annotations

import io
from collections.abc import Sequence

from django.db.models import F
from django.utils import timezone
from PIL import Image

from accounts.models import User
from forums import actions
from forums.models import Forum, Post, Thread

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def start(forum: Forum, author: User, title: str = "Бағалау критерийлерін қалай құрастырамыз?", **kwargs) -> Thread:
    kwargs.setdefault("body", "Дескрипторларды оқушыға түсінікті етіп жазу керек пе?")
    kwargs.setdefault("category", forum.categories.first())
    return actions.start_thread(forum, by=author, title=title, **kwargs)


def add_replies(thread: Thread, authors: Sequence[User], count: int) -> None:
    """Many replies at once, numbered as the actions would number them."""
    now = timezone.now()
    first = thread.last_number + 1
    Post.objects.bulk_create(
        [
            Post(
                thread=thread,
                number=number,
                author=authors[number % len(authors)],
                body=f"Жауап {number}",
                body_html=f"<p>Жауап {number}</p>",
                created_at=now,
            )
            for number in range(first, first + count)
        ],
        batch_size=1000,
    )
    Thread.objects.filter(pk=thread.pk).update(
        last_number=first + count - 1, reply_count=F("reply_count") + count, last_post_at=now
    )
    thread.refresh_from_db()


def png_bytes(size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "orange").save(buffer, "PNG")
    return buffer.getvalue()
