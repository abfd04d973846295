"""/api/v1/ endpoints of lessonstudies."""

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
