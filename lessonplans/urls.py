"""Sequenced lessons: a medium-term plan and its short-term lesson plans."""

from django.urls import URLPattern, URLResolver

app_name = "lessonplans"

urlpatterns: list[URLPattern | URLResolver] = []
