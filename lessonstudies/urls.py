"""Lesson Study: the team, the research lessons and their case pupils, the discussion and the report."""

from django.urls import URLPattern, URLResolver

app_name = "lessonstudies"

urlpatterns: list[URLPattern | URLResolver] = []
