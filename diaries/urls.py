"""A teacher's reflective diary: private unless an entry is shared."""

from django.urls import URLPattern, URLResolver

app_name = "diaries"

urlpatterns: list[URLPattern | URLResolver] = []
