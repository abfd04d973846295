"""/api/v1/ endpoints of lessonplans."""

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
