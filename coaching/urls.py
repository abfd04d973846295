"""Coaching: coaching plans, their sessions and lesson visits, a coach's caseload."""

from django.urls import URLPattern, URLResolver

app_name = "coaching"

urlpatterns: list[URLPattern | URLResolver] = []
