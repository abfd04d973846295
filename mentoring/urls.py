"""Mentoring: pairs of a mentor and a mentee, their goals and meetings."""

from django.urls import URLPattern, URLResolver

app_name = "mentoring"

urlpatterns: list[URLPattern | URLResolver] = []
