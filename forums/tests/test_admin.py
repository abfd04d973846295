"""Every forum model has a working admin: list, search and change pages."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from accounts.tests.factories import UserFactory
from forums import actions
from forums.tests.factories import start
from ortaq.testing import as_user

pytestmark = pytest.mark.django_db


def test_the_admin_pages_of_every_forum_model_open(cast, forum):
    thread = start(forum, cast.teacher)
    post = actions.reply(thread, by=cast.coach, body="@teacher жауап")
    actions.edit_post(post, by=cast.coach, body="@teacher түзетілген жауап")
    actions.report_post(post, by=cast.director, reason="Тексеріңіз")
    client = as_user(UserFactory(is_staff=True, is_superuser=True))
    models = [model for model in admin.site._registry if model._meta.app_label == "forums"]
    assert len(models) == 10
    for model in models:
        opts = model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        assert client.get(changelist, {"q": "жауап"}).status_code == 200, changelist
        first = model.objects.first()
        if first is not None:
            change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk])
            assert client.get(change).status_code == 200, change
