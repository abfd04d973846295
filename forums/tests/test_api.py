"""/api/v1/ for the forums (forums/api.py): the same rules as the pages, through the API."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from forums import actions
from forums.models import Attachment, Category, Forum, Post, Report, Subscription, Thread
from forums.tests.factories import PDF, add_replies, png_bytes, start
from networks.models import Role
from networks.tests.factories import member
from notifications.models import Notice
from ortaq.lib import uploads
from ortaq.testing import api_as

pytestmark = pytest.mark.django_db


def endpoints(cast, forum, thread, reply) -> list[tuple[str, str, dict]]:
    """Every forum endpoint, on the network's forum, its discussion and a reply."""
    n, category = cast.network.pk, forum.categories.first()
    other = forum.categories.last()
    return [
        ("get", f"/api/v1/networks/{n}/forum/categories/", {}),
        ("post", f"/api/v1/networks/{n}/forum/categories/", {"name": "Инклюзия"}),
        ("get", f"/api/v1/forum/categories/{category.pk}/", {}),
        ("patch", f"/api/v1/forum/categories/{category.pk}/", {"description": "—"}),
        ("delete", f"/api/v1/forum/categories/{other.pk}/", {}),
        ("post", f"/api/v1/forum/categories/{category.pk}/follow/", {}),
        ("delete", f"/api/v1/forum/categories/{category.pk}/follow/", {}),
        ("get", f"/api/v1/networks/{n}/forum/threads/", {}),
        ("post", f"/api/v1/networks/{n}/forum/threads/", {"title": "Жаңа", "body": "Мәтін", "category": category.pk}),
        ("get", f"/api/v1/forum/threads/{thread.pk}/", {}),
        ("patch", f"/api/v1/forum/threads/{thread.pk}/", {"title": "Басқа тақырып"}),
        *(("post", f"/api/v1/forum/threads/{thread.pk}/moderate/", {"action": verb}) for verb in MODERATION),
        ("post", f"/api/v1/forum/threads/{thread.pk}/move/", {"category": other.pk}),
        ("post", f"/api/v1/forum/threads/{thread.pk}/follow/", {}),
        ("delete", f"/api/v1/forum/threads/{thread.pk}/follow/", {}),
        ("get", f"/api/v1/forum/threads/{thread.pk}/posts/", {}),
        ("post", f"/api/v1/forum/threads/{thread.pk}/posts/", {"body": "Жауап"}),
        ("get", f"/api/v1/forum/posts/{reply.pk}/", {}),
        ("patch", f"/api/v1/forum/posts/{reply.pk}/", {"body": "Өзгерген"}),
        ("post", f"/api/v1/forum/posts/{reply.pk}/solution/", {}),
        ("delete", f"/api/v1/forum/posts/{reply.pk}/solution/", {}),
        ("post", f"/api/v1/forum/posts/{reply.pk}/report/", {"reason": "Тақырыпқа қатысы жоқ"}),
        ("post", f"/api/v1/forum/posts/{reply.pk}/hide/", {"hidden": True}),
        ("post", f"/api/v1/forum/posts/{reply.pk}/hide/", {"hidden": False}),
        ("post", f"/api/v1/forum/posts/{reply.pk}/restore/", {}),
        ("delete", f"/api/v1/forum/posts/{reply.pk}/", {}),
    ]


MODERATION = ("pin", "unpin", "lock", "unlock", "hide", "unhide")


@pytest.fixture
def discussion(cast, forum):
    thread = start(forum, cast.coach, is_question=True)
    reply = actions.reply(thread, by=cast.leader, body="Критерийлерді оқушылармен бірге құрастырамыз.")
    return thread, reply


def unchanged(cast, forum, thread, reply) -> None:
    thread.refresh_from_db()
    reply.refresh_from_db()
    assert thread.title == "Бағалау критерийлерін қалай құрастырамыз?"
    assert not (thread.is_pinned or thread.is_locked or thread.is_hidden) and thread.solution_id is None
    assert thread.category == forum.categories.first() and thread.reply_count == 1
    assert reply.body == "Критерийлерді оқушылармен бірге құрастырамыз." and reply.is_shown
    assert forum.categories.count() == 2 and not Report.objects.exists()


def test_it_answers_404_to_an_outsider_on_every_forum_endpoint(cast, forum, discussion):
    client = api_as(cast.outsider)
    for method, url, data in endpoints(cast, forum, *discussion):
        response = getattr(client, method)(url, data, format="json")
        assert response.status_code == 404, (method, url, response.status_code)
        assert response["Content-Type"] == "application/problem+json"
    unchanged(cast, forum, *discussion)
    assert Thread.objects.count() == 1 and not Subscription.objects.filter(user=cast.outsider).exists()


def test_it_lets_the_methodologist_read_the_network_forum_and_answers_403_to_every_change(cast, forum, discussion):
    client = api_as(cast.methodologist)
    for method, url, data in endpoints(cast, forum, *discussion):
        response = getattr(client, method)(url, data, format="json")
        expected = 200 if method == "get" else 403
        assert response.status_code == expected, (method, url, response.status_code)
    unchanged(cast, forum, *discussion)
    assert Thread.objects.count() == 1 and not Subscription.objects.filter(user=cast.methodologist).exists()


def test_it_answers_403_to_a_member_who_moderates_or_sets_categories(cast, forum, discussion):
    thread, reply = discussion
    client = api_as(cast.teacher)
    refused = {"categories/", "/moderate/", "/hide/", "/move/", "/restore/"}
    for method, url, data in endpoints(cast, forum, thread, reply):
        moderating = any(part in url for part in refused) and method != "get" and "follow" not in url
        others = url.endswith(f"/posts/{reply.pk}/") and method in ("patch", "delete")
        solution = url.endswith("/solution/")  # the question is the coach's
        if moderating or others or solution:
            response = getattr(client, method)(url, data, format="json")
            assert response.status_code == 403, (method, url, response.status_code)
    unchanged(cast, forum, thread, reply)


def test_it_answers_404_on_a_groups_forum_to_members_outside_the_group(cast, group_forum):
    thread = start(group_forum, cast.coach)
    n, g = cast.network.pk, cast.group.pk
    urls = [
        f"/api/v1/networks/{n}/groups/{g}/forum/threads/",
        f"/api/v1/networks/{n}/groups/{g}/forum/categories/",
        f"/api/v1/forum/threads/{thread.pk}/",
        f"/api/v1/forum/threads/{thread.pk}/posts/",
    ]
    for person in (cast.director, cast.methodologist, cast.outsider):
        client = api_as(person)
        for url in urls:
            assert client.get(url).status_code == 404, (person, url)
        assert client.post(urls[0], {"title": "Т", "body": "М"}, format="json").status_code == 404
    teacher = api_as(cast.teacher)  # a member of the group
    assert [row["id"] for row in teacher.get(urls[0]).json()["results"]] == [thread.pk]
    made = teacher.post(urls[0], {"title": "Зерттеу сабағы", "body": "Жоспар"}, format="json")
    assert made.status_code == 201, made.json()
    assert made.json()["group"] == g
    # The coach leads the group: its forum's moderator.
    pinned = api_as(cast.coach).post(f"/api/v1/forum/threads/{thread.pk}/moderate/", {"action": "pin"}, format="json")
    assert pinned.status_code == 200 and pinned.json()["is_pinned"]


def test_it_hides_hidden_and_deleted_discussions_from_all_but_the_moderators(cast, forum):
    hidden = start(forum, cast.teacher, title="Жасырылған")
    deleted = start(forum, cast.teacher, title="Жойылған")
    shown = start(forum, cast.teacher, title="Көрінетін")
    actions.hide_thread(hidden, True, by=cast.leader)
    actions.delete_post(deleted.posts.get(number=1), by=cast.teacher)
    url = f"/api/v1/networks/{cast.network.pk}/forum/threads/"
    for person, expected in ((cast.coach, {shown.pk}), (cast.coordinator, {shown.pk, hidden.pk, deleted.pk})):
        client = api_as(person)
        assert {row["id"] for row in client.get(url).json()["results"]} == expected
        for thread in (hidden, deleted):
            answer = client.get(f"/api/v1/forum/threads/{thread.pk}/")
            assert answer.status_code == (200 if thread.pk in expected else 404)
            posts = client.get(f"/api/v1/forum/threads/{thread.pk}/posts/")
            assert posts.status_code == (200 if thread.pk in expected else 404)
    flags = {row["id"]: row for row in api_as(cast.leader).get(url).json()["results"]}
    assert flags[hidden.pk]["is_hidden"] and flags[deleted.pk]["is_deleted"]


def test_it_lists_the_discussions_each_person_may_read_with_the_pages_filters(cast, forum, group_forum):
    first, second = forum.categories.all()
    solved = start(forum, cast.teacher, title="Шешілген", is_question=True, category=first)
    answer = actions.reply(solved, by=cast.coach, body="Осылай")
    actions.mark_solution(solved, answer, by=cast.teacher)
    open_question = start(forum, cast.teacher, title="Ашық сұрақ", is_question=True, category=second)
    talk = start(forum, cast.coach, title="Әңгіме", category=second)
    start(group_forum, cast.coach, title="Топтың әңгімесі")
    url = f"/api/v1/networks/{cast.network.pk}/forum/threads/"
    for person in (cast.teacher, cast.methodologist, cast.leader, cast.director):
        listed = {row["id"] for row in api_as(person).get(url).json()["results"]}
        assert listed == set(Thread.objects.visible_to(person).filter(forum=forum).values_list("pk", flat=True))
    client = api_as(cast.teacher)

    def titles(**params) -> list[str]:
        return [row["title"] for row in client.get(url, params).json()["results"]]

    assert titles(category=second.pk) == ["Әңгіме", "Ашық сұрақ"]
    assert titles(show="solved") == ["Шешілген"]
    assert titles(show="questions") == ["Ашық сұрақ"]
    assert titles(show="questions", category=first.pk) == []
    row = client.get(url, {"show": "solved"}).json()["results"][0]
    assert row["is_solved"] and row["solution"] == answer.pk and row["category"]["name"] == first.name
    assert row["following"] and row["last_read"] == 1  # the asker follows and read the question
    assert {talk.pk, open_question.pk} <= {r["id"] for r in client.get(url).json()["results"]}


def test_it_pages_discussions_pinned_first_in_the_same_queries_however_many(cast, forum, django_assert_max_num_queries):
    client = api_as(cast.teacher)
    url = f"/api/v1/networks/{cast.network.pk}/forum/threads/?page_size=4"
    start(forum, cast.teacher, title="Бірінші")
    client.get(url)  # the token's first use is noted once
    with django_assert_max_num_queries(5):
        assert client.get(url).status_code == 200
    threads = [start(forum, (cast.teacher, cast.coach)[i % 2], title=f"Әңгіме {i}") for i in range(11)]
    actions.pin_thread(threads[0], True, by=cast.leader)
    with django_assert_max_num_queries(5):
        page = client.get(url).json()
    assert page["results"][0]["id"] == threads[0].pk and page["results"][0]["is_pinned"]
    seen = []
    while True:
        seen += [row["id"] for row in page["results"]]
        if not page["next"]:
            break
        with django_assert_max_num_queries(5):
            page = client.get(page["next"]).json()
    assert len(seen) == len(set(seen)) == 12
    assert seen[1:] == [t.pk for t in reversed(threads[1:])] + [Thread.objects.get(title="Бірінші").pk]


def test_it_lists_a_discussions_messages_in_the_same_queries_however_many(cast, forum, django_assert_max_num_queries):
    upload = SimpleUploadedFile("жоспар.pdf", PDF)
    thread = start(forum, cast.teacher, attachments=[(upload, uploads.detect(upload, {"document"}))])
    client = api_as(cast.coach)
    url = f"/api/v1/forum/threads/{thread.pk}/posts/"
    client.get(url)  # the token's first use is noted once
    with django_assert_max_num_queries(5):
        client.get(url)
    add_replies(thread, [cast.coach, cast.leader, cast.director], 30)
    with django_assert_max_num_queries(5):
        page = client.get(url, {"page_size": 25}).json()
    assert [row["number"] for row in page["results"]] == list(range(1, 26))
    opening = page["results"][0]
    assert opening["attachments"][0]["name"] == "жоспар.pdf"
    assert opening["attachments"][0]["url"].endswith(f"/forum/files/{Attachment.objects.get().pk}/")
    rest = client.get(page["next"]).json()["results"]
    assert [row["number"] for row in rest] == list(range(26, 32))


def test_it_gives_the_markdown_and_the_sanitized_html_the_page_shows(cast, forum):
    body = "**Маңызды**: <script>alert(1)</script> [сілтеме](javascript:alert(2)) <img src=x onerror=alert(3)>"
    client = api_as(cast.teacher)
    made = client.post(
        f"/api/v1/networks/{cast.network.pk}/forum/threads/",
        {"title": "Қауіпсіздік", "body": body, "category": forum.categories.first().pk},
        format="json",
    )
    assert made.status_code == 201, made.json()
    opening = made.json()["opening"]
    assert opening["body"] == body
    html = opening["body_html"]
    assert "<strong>Маңызды</strong>" in html
    assert "<script" not in html and "javascript:" not in html and "onerror" not in html
    assert html == Post.objects.get(thread=made.json()["id"], number=1).body_html


def test_it_starts_a_discussion_with_files_sent_as_multipart_checked_as_on_the_page(cast, forum, media):
    client = api_as(cast.teacher)
    url = f"/api/v1/networks/{cast.network.pk}/forum/threads/"
    fields = {"title": "Сурет", "body": "Қараңыздар", "category": forum.categories.first().pk, "is_question": "true"}
    fake = SimpleUploadedFile("вирус.pdf", b"MZ\x90\x00 not a pdf at all")
    refused = client.post(url, {**fields, "attachments": [fake]}, format="multipart")
    assert refused.status_code == 400
    assert "attachments" in refused.json()["errors"]
    assert not Thread.objects.exists() and not list(media.rglob("*.*"))
    image = SimpleUploadedFile("сурет.png", png_bytes())
    made = client.post(url, {**fields, "attachments": [image]}, format="multipart")
    assert made.status_code == 201, made.json()
    body = made.json()
    assert body["is_question"] and body["opening"]["attachments"][0]["is_image"]
    assert body["opening"]["attachments"][0]["thumbnail_url"]
    assert Attachment.objects.get().thumbnail


def test_it_refuses_a_discussion_without_a_category_when_the_forum_has_them(cast, forum):
    client = api_as(cast.teacher)
    url = f"/api/v1/networks/{cast.network.pk}/forum/threads/"
    refused = client.post(url, {"title": "Санатсыз", "body": "Мәтін"}, format="json")
    assert refused.status_code == 400 and "category" in refused.json()["errors"]
    foreign = Category.objects.create(forum=Forum.objects.create(network=cast.network, group=cast.group), name="Т")
    refused = client.post(url, {"title": "Санатсыз", "body": "Мәтін", "category": foreign.pk}, format="json")
    assert refused.status_code == 400 and "category" in refused.json()["errors"]
    assert not Thread.objects.exists()


def test_it_replies_quoting_a_message_and_tells_the_followers(cast, forum, discussion):
    thread, reply = discussion
    client = api_as(cast.teacher)
    url = f"/api/v1/forum/threads/{thread.pk}/posts/"
    made = client.post(url, {"body": "Келісемін.", "quote": reply.pk}, format="json")
    assert made.status_code == 201, made.json()
    body = made.json()["body"]
    assert body.startswith("> **Әлиева Гүлназ** (#2):\n> Критерийлерді") and body.endswith("Келісемін.")
    assert made.json()["number"] == 3
    assert Notice.objects.filter(recipient=cast.coach, about_id=thread.pk).exists()  # the author follows
    other = start(forum, cast.coach, title="Басқа")
    foreign = other.posts.get(number=1)
    refused = client.post(url, {"body": "Иә", "quote": foreign.pk}, format="json")
    assert refused.status_code == 400 and "quote" in refused.json()["errors"]


def test_it_takes_no_replies_in_a_locked_discussion_but_from_its_moderators(cast, forum, discussion):
    thread, _reply = discussion
    actions.lock_thread(thread, True, by=cast.leader)
    url = f"/api/v1/forum/threads/{thread.pk}/posts/"
    assert api_as(cast.teacher).post(url, {"body": "Мен де"}, format="json").status_code == 403
    assert api_as(cast.coordinator).post(url, {"body": "Модератордан"}, format="json").status_code == 201


def test_it_refuses_a_change_made_on_an_old_reading_with_409(cast, forum, discussion):
    thread, reply = discussion
    leader = api_as(cast.leader)
    url = f"/api/v1/forum/posts/{reply.pk}/"
    read = leader.get(url).json()
    assert leader.patch(url, {"body": "Бірінші түзету", "version": read["version"]}, format="json").status_code == 200
    stale = leader.patch(url, {"body": "Екінші түзету", "version": read["version"]}, format="json")
    assert stale.status_code == 409
    reply.refresh_from_db()
    assert reply.body == "Бірінші түзету"
    # The title goes with the opening message's version.
    thread_url = f"/api/v1/forum/threads/{thread.pk}/"
    coach = api_as(cast.coach)
    opened = coach.get(thread_url)
    version = opened.json()["opening"]["version"]
    assert coach.patch(thread_url, {"title": "Критерийлер", "version": version}, format="json").status_code == 200
    assert coach.patch(thread_url, {"title": "Ескі", "version": version}, format="json").status_code == 409
    assert (
        coach.patch(thread_url, {"title": "Тег бойынша"}, format="json", HTTP_IF_MATCH=opened["ETag"]).status_code
        == 412
    )
    thread.refresh_from_db()
    assert thread.title == "Критерийлер"


def test_it_lets_authors_edit_and_delete_their_own_messages_only(cast, forum, discussion):
    thread, reply = discussion
    mine = actions.reply(thread, by=cast.teacher, body="Менің жауабым")
    client = api_as(cast.teacher)
    assert client.patch(f"/api/v1/forum/posts/{mine.pk}/", {"body": "Түзетілді"}, format="json").status_code == 200
    assert client.patch(f"/api/v1/forum/posts/{reply.pk}/", {"body": "Бөтен"}, format="json").status_code == 403
    assert client.delete(f"/api/v1/forum/posts/{mine.pk}/").status_code == 204
    mine.refresh_from_db()
    assert mine.deleted_at is not None
    placeholder = api_as(cast.director).get(f"/api/v1/forum/posts/{mine.pk}/").json()
    assert placeholder["is_deleted"] and placeholder["body"] == "" and placeholder["body_html"] == ""
    assert api_as(cast.leader).get(f"/api/v1/forum/posts/{mine.pk}/").json()["body"] == "Түзетілді"
    # The coach's question has others' replies: it stays.
    opening = thread.posts.get(number=1)
    kept = api_as(cast.coach).delete(f"/api/v1/forum/posts/{opening.pk}/")
    assert kept.status_code == 400
    assert Thread.objects.get(pk=thread.pk).deleted_at is None


def test_it_marks_the_solution_as_the_asker_or_a_moderator(cast, forum, discussion):
    thread, reply = discussion
    marked = api_as(cast.coach).post(f"/api/v1/forum/posts/{reply.pk}/solution/")
    assert marked.status_code == 200 and marked.json()["solution"] == reply.pk and marked.json()["is_solved"]
    assert Notice.objects.filter(recipient=cast.leader, about_id=thread.pk).exists()
    unmarked = api_as(cast.coordinator).delete(f"/api/v1/forum/posts/{reply.pk}/solution/")
    assert unmarked.status_code == 200 and unmarked.json()["solution"] is None
    talk = start(forum, cast.coach, title="Сұрақ емес")
    answer = actions.reply(talk, by=cast.teacher, body="Жауап")
    refused = api_as(cast.coach).post(f"/api/v1/forum/posts/{answer.pk}/solution/")
    assert refused.status_code == 400


def test_it_reports_a_message_once_and_not_ones_own(cast, forum, discussion):
    _thread, reply = discussion
    client = api_as(cast.teacher)
    url = f"/api/v1/forum/posts/{reply.pk}/report/"
    first = client.post(url, {"reason": "Жарнама"}, format="json")
    again = client.post(url, {"reason": "Жарнама"}, format="json")
    assert first.status_code == again.status_code == 201 and first.json()["id"] == again.json()["id"]
    assert client.post(url, {"reason": "   "}, format="json").status_code == 400
    assert api_as(cast.leader).post(url, {"reason": "Өзім"}, format="json").status_code == 400
    assert Report.objects.count() == 1


def test_it_moderates_follows_and_moves_through_actions(cast, forum, discussion):
    thread, reply = discussion
    leader = api_as(cast.leader)
    base = f"/api/v1/forum/threads/{thread.pk}/"

    def moderate(verb: str) -> dict:
        return leader.post(f"{base}moderate/", {"action": verb}, format="json").json()

    assert moderate("pin")["is_pinned"] and moderate("lock")["is_locked"] and moderate("hide")["is_hidden"]
    assert api_as(cast.teacher).get(base).status_code == 404
    assert not moderate("unhide")["is_hidden"] and not moderate("unpin")["is_pinned"]
    assert leader.post(f"{base}moderate/", {"action": "delete"}, format="json").status_code == 400
    target = forum.categories.last()
    moved = leader.post(f"{base}move/", {"category": target.pk}, format="json")
    assert moved.json()["category"]["id"] == target.pk
    assert Category.objects.get(pk=target.pk).thread_count == 1
    assert api_as(cast.teacher).post(f"{base}follow/").json() == {"following": True}
    assert Subscription.objects.filter(user=cast.teacher, thread=thread).exists()
    assert api_as(cast.teacher).delete(f"{base}follow/").json() == {"following": False}
    assert not Subscription.objects.filter(user=cast.teacher, thread=thread).exists()
    hidden = leader.post(f"/api/v1/forum/posts/{reply.pk}/hide/", {"hidden": True}, format="json").json()
    assert hidden["is_hidden"]
    assert api_as(cast.teacher).get(f"/api/v1/forum/posts/{reply.pk}/").status_code == 404


def test_it_lets_the_leader_set_the_categories_as_the_page_does(cast, forum):
    leader = api_as(cast.leader)
    url = f"/api/v1/networks/{cast.network.pk}/forum/categories/"
    made = leader.post(url, {"name": "Инклюзия"}, format="json")
    assert made.status_code == 201 and made.json()["position"] == 3
    same = leader.post(url, {"name": "инклюзия"}, format="json")
    assert same.status_code == 400 and "name" in same.json()["errors"]
    category = Category.objects.get(pk=made.json()["id"])
    changed = leader.patch(f"/api/v1/forum/categories/{category.pk}/", {"description": "Ерекше"}, format="json")
    assert changed.status_code == 200 and changed.json()["name"] == "Инклюзия"
    busy = forum.categories.first()
    start(forum, cast.teacher, category=busy)
    assert leader.delete(f"/api/v1/forum/categories/{busy.pk}/").status_code == 400
    assert leader.delete(f"/api/v1/forum/categories/{category.pk}/").status_code == 204
    # A coordinator moderates but does not set the categories.
    assert api_as(cast.coordinator).post(url, {"name": "Басқа"}, format="json").status_code == 403
    assert [row["name"] for row in api_as(cast.teacher).get(url).json()["results"]] == [
        "Критериалды бағалау",
        "Диалогтық оқыту",
    ]


def test_it_lets_a_read_token_read_the_forum_but_not_write(cast, forum, discussion):
    thread, _reply = discussion
    reader = api_as(cast.teacher, scope="read")
    assert reader.get(f"/api/v1/forum/threads/{thread.pk}/posts/").status_code == 200
    assert reader.post(f"/api/v1/forum/threads/{thread.pk}/posts/", {"body": "Жоқ"}, format="json").status_code == 403
    assert thread.posts.count() == 2


def test_it_keeps_a_new_member_of_the_network_out_of_the_groups_forum(cast, group_forum):
    newcomer = member(cast.network, Role.TEACHER, email="new@example.kz")
    thread = start(group_forum, cast.coach)
    assert api_as(newcomer).get(f"/api/v1/forum/threads/{thread.pk}/").status_code == 404
