"""The lived-in forum of the demo network «Шуақ» (called by ``ortaq demo``).

``seed(stdout)`` adds what is missing — categories by name, discussions by title —
so running it again changes nothing. The texts are in forums/demo_content.py.
"""

from __future__ import annotations

import datetime
import re
from typing import TextIO

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from forums import notices
from forums.actions import note_first_posts
from forums.demo_content import CATEGORIES, EDITED, GROUP_NAME, GROUP_THREADS, REPORTED, THREADS, ThreadSpec
from forums.mentions import render_post
from forums.models import (
    Category,
    Forum,
    Post,
    PostRevision,
    ReadState,
    Report,
    Subscription,
    Thread,
)
from networks.models import Network
from notifications.models import Notice

NETWORK = "Шуақ"
DEMO_DOMAIN = "demo.ortaq.kz"
FIXED = ("leader", "coach", "teacher", "director")
SEEDED_TEACHER = re.compile(rf"^t\d{{3}}@{re.escape(DEMO_DOMAIN)}$")
TEACHERS = 14
REPLY_GAP = datetime.timedelta(hours=7)  # replies come some hours apart


def seed(stdout: TextIO) -> None:
    network = Network.objects.filter(name=NETWORK).order_by("pk").first()
    if network is None:
        stdout.write(f"Forum demo skipped: there is no «{NETWORK}» network (run `ortaq demo`).")
        return
    people = demo_people(network)
    if not people:
        stdout.write(f"Forum demo skipped: «{NETWORK}» has no members.")
        return
    with transaction.atomic():
        forum, _created = Forum.objects.get_or_create(network=network, group=None)
        categories = {}
        for position, (name, description) in enumerate(CATEGORIES, start=1):
            categories[name], _created = Category.objects.get_or_create(
                forum=forum, name=name, defaults={"description": description, "position": position}
            )
        added = Seeder(forum, categories, people).run(THREADS)
        group = network.groups.filter(name=GROUP_NAME).first()
        if group is not None:
            group_forum, _created = Forum.objects.get_or_create(network=network, group=group)
            added += Seeder(group_forum, {}, people).run(GROUP_THREADS)
        for category in categories.values():
            category.thread_count = category.threads.filter(is_hidden=False, deleted_at__isnull=True).count()
            category.save(update_fields=["thread_count"])
    if added:
        stdout.write(f"Forum demo added: {added} discussions.")
    else:
        stdout.write("Forum demo already in place; nothing changed.")


def demo_people(network: Network) -> dict[str, User]:
    """The demo logins and the first seeded teachers (t1 = t001@…), members of the network."""
    members = User.objects.filter(memberships__network=network)
    people = {
        user.email.split("@")[0]: user for user in members.filter(email__in=[f"{k}@{DEMO_DOMAIN}" for k in FIXED])
    }
    seeded = sorted(
        (u for u in members.filter(email__startswith="t") if SEEDED_TEACHER.match(u.email)), key=lambda u: u.email
    )
    for number, user in enumerate(seeded[:TEACHERS], start=1):
        people[f"t{number}"] = user
    return people


class Seeder:
    def __init__(self, forum: Forum, categories: dict[str, Category], people: dict[str, User]) -> None:
        self.forum = forum
        self.categories = categories
        self.people = people
        self.fallback = list(people.values())
        self.now = timezone.now()

    def person(self, key: str) -> User:
        # A smaller demo (fewer seeded teachers) still gets every conversation.
        if key in self.people:
            return self.people[key]
        return self.fallback[int(key.lstrip("t") or 0) % len(self.fallback)]

    def run(self, specs: tuple[ThreadSpec, ...]) -> int:
        existing = set(Thread.objects.filter(forum=self.forum).values_list("title", flat=True))
        todo = [spec for spec in specs if spec.title not in existing]
        if not todo:
            return 0
        posts: list[Post] = []
        threads: dict[str, Thread] = {}
        mentions: list[tuple[str, int, list[User]]] = []
        for spec in todo:
            thread, thread_posts = self.thread(spec)
            threads[spec.title] = thread
            for post in thread_posts:
                rendered = render_post(post.body, self.forum)
                post.body_html = rendered.html
                if rendered.mentioned:
                    mentions.append((spec.title, post.number, rendered.mentioned))
            posts.extend(thread_posts)
        Post.objects.bulk_create(posts)
        # Re-read rather than trust bulk_create to set primary keys on every backend.
        by_number = {
            (p.thread_id, p.number): p
            for p in Post.objects.filter(thread__in=threads.values()).select_related("author")
        }
        for spec in todo:
            thread = threads[spec.title]
            if spec.solution is not None:
                thread.solution = by_number[(thread.pk, spec.solution + 2)]
                thread.save(update_fields=["solution"])
        note_first_posts()
        self.followers_and_reading(threads, by_number)
        self.notifications(todo, threads, by_number, mentions)
        self.edited_and_reported(threads, by_number)
        return len(todo)

    def thread(self, spec: ThreadSpec) -> tuple[Thread, list[Post]]:
        started = self.now - datetime.timedelta(days=spec.days_ago)
        times = [
            started + REPLY_GAP * index + datetime.timedelta(hours=3 * bool(index))
            for index in range(1 + len(spec.replies))
        ]
        authors = [self.person(spec.author)] + [self.person(key) for key, _text in spec.replies]
        thread = Thread.objects.create(
            forum=self.forum,
            category=self.categories.get(spec.category) if spec.category else None,
            author=authors[0],
            title=spec.title,
            is_question=spec.is_question,
            is_pinned=spec.pinned,
            last_number=len(authors),
            reply_count=len(spec.replies),
            last_post_at=times[-1],
            last_poster=authors[-1],
            created_at=started,
        )
        texts = [spec.body] + [text for _key, text in spec.replies]
        posts = [
            Post(thread=thread, number=number, author=author, body=text, created_at=moment)
            for number, (author, text, moment) in enumerate(zip(authors, texts, times, strict=True), start=1)
        ]
        return thread, posts

    def followers_and_reading(self, threads: dict[str, Thread], posts: dict[tuple[int, int], Post]) -> None:
        """Everyone who wrote follows the thread and has read it up to their last message."""
        last_read: dict[tuple[int, int], int] = {}
        for (thread_id, number), post in posts.items():
            key = (post.author_id, thread_id)
            last_read[key] = max(last_read.get(key, 0), number)
        Subscription.objects.bulk_create(
            [Subscription(user_id=user_id, thread_id=thread_id) for user_id, thread_id in last_read],
            ignore_conflicts=True,
        )
        ReadState.objects.bulk_create(
            [
                ReadState(user_id=user_id, thread_id=thread_id, last_read_number=number)
                for (user_id, thread_id), number in last_read.items()
            ],
            ignore_conflicts=True,
        )

    def notifications(
        self,
        specs: list[ThreadSpec],
        threads: dict[str, Thread],
        posts: dict[tuple[int, int], Post],
        mentions: list[tuple[str, int, list[User]]],
    ) -> None:
        """What the authors were told of: replies to their threads and mentions. The
        newest three weeks are unread. All count as e-mailed: a demo never sends mail."""
        recent = self.now - datetime.timedelta(days=21)
        rows = []
        for spec in specs:
            thread = threads[spec.title]
            for number in range(2, thread.last_number + 1):
                post = posts[(thread.pk, number)]
                if post.author_id != thread.author_id:
                    rows.append(self.notification(notices.REPLY.key, thread.author, thread, post, recent))
        for title, number, people in mentions:
            post = posts[(threads[title].pk, number)]
            rows.extend(
                self.notification(notices.MENTION.key, person, threads[title], post, recent)
                for person in people
                if person.pk != post.author_id
            )
        # In time order: the notifications page lists the newest (highest id) first.
        Notice.objects.bulk_create(sorted(rows, key=lambda row: row.created_at))

    def notification(self, kind: str, recipient: User, thread: Thread, post: Post, recent: datetime.datetime) -> Notice:
        return Notice(
            recipient=recipient,
            kind=kind,
            actor=post.author,
            title=thread.title,
            url=thread.post_url(post.number),
            network_id=thread.forum.network_id,
            group_id=thread.forum.group_id,
            about_type=notices.THREAD,
            about_id=thread.pk,
            created_at=post.created_at,
            read_at=None if post.created_at > recent else post.created_at,
            emailed_at=post.created_at,
        )

    def edited_and_reported(self, threads: dict[str, Thread], posts: dict[tuple[int, int], Post]) -> None:
        title, index, earlier = EDITED
        if title in threads:
            post = posts[(threads[title].pk, index + 2)]
            PostRevision.objects.create(
                post=post,
                body=earlier,
                edited_by=post.author,
                created_at=post.created_at + datetime.timedelta(minutes=20),
            )
            post.edited_at = post.created_at + datetime.timedelta(minutes=20)
            post.save(update_fields=["edited_at"])
        title, index, reporter, reason = REPORTED
        if title in threads:
            Report.objects.create(
                post=posts[(threads[title].pk, index + 2)], reporter=self.person(reporter), reason=reason
            )
