"""Every model of the app has an admin whose list and add pages open."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from accounts.models import User
from events.tests.factories import make_lesson
from ortaq.testing import as_user

pytestmark = pytest.mark.django_db


def test_the_admin_lists_and_opens_every_model(cast):
    make_lesson(cast)
    superuser = User.objects.create_superuser("root@example.kz", "x", full_name="Әкімші")
    client = as_user(superuser)
    for model in apps.get_app_config("events").get_models():
        assert admin.site.is_registered(model), model
        info = model._meta.app_label, model._meta.model_name
        assert client.get(reverse(f"admin:{info[0]}_{info[1]}_changelist")).status_code == 200, model
        assert client.get(reverse(f"admin:{info[0]}_{info[1]}_add")).status_code == 200, model
