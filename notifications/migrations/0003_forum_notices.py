# The forum's notifications join the notifications centre: every forums.Notification
# becomes a Notice about its thread (read, e-mailed and dates kept), and each person's
# forum e-mail choice becomes their choice for the forum's four kinds of notice
# («never» is «on the site only»: the forum showed them on the site all the same).
# forums.0003 then drops the old table and column.

from django.db import migrations

KINDS = {"reply": "forums.reply", "new_thread": "forums.new_thread", "mention": "forums.mention", "solution": "forums.solution"}
CHANNELS = {"immediate": "immediate", "daily": "daily", "off": "site"}
POSTS_PER_PAGE = 20  # as forums.models had it: the page a post is on


def post_url(thread_id, number):
    after = ((max(number, 1) - 1) // POSTS_PER_PAGE) * POSTS_PER_PAGE
    base = f"/forum/threads/{thread_id}/"
    return f"{base}?after={after}#post-{number}" if after else f"{base}#post-{number}"


def move(apps, schema_editor):
    Notification = apps.get_model("forums", "Notification")
    ForumPreference = apps.get_model("forums", "ForumPreference")
    Notice = apps.get_model("notifications", "Notice")
    Preference = apps.get_model("notifications", "Preference")
    rows = (
        Notification.objects.select_related("thread__forum", "post")
        .order_by("pk")
        .values_list(
            "recipient_id", "kind", "actor_id", "thread_id", "thread__title", "thread__forum__network_id",
            "thread__forum__group_id", "post__number", "created_at", "read_at", "emailed_at",
        )
    )  # fmt: skip
    batch = []
    for recipient, kind, actor, thread, title, network, group, number, created, read, emailed in rows.iterator():
        batch.append(
            Notice(
                recipient_id=recipient, kind=KINDS.get(kind, "forums.reply"), actor_id=actor, title=title[:300],
                url=post_url(thread, number or 1), network_id=network, group_id=group, about_type="forums.thread",
                about_id=thread, created_at=created, read_at=read, emailed_at=emailed,
            )
        )  # fmt: skip
        if len(batch) >= 1000:
            Notice.objects.bulk_create(batch)
            batch = []
    Notice.objects.bulk_create(batch)
    preferences = []
    for user, mode in ForumPreference.objects.values_list("user_id", "email_mode").iterator():
        if mode in CHANNELS and mode != "daily":  # daily is the kinds' default: no row needed
            preferences.extend(Preference(user_id=user, kind=kind, channel=CHANNELS[mode]) for kind in KINDS.values())
    Preference.objects.bulk_create(preferences, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0002_about_and_excerpt"),
        ("forums", "0002_post_version"),
    ]

    operations = [migrations.RunPython(move, migrations.RunPython.noop)]
