"""Sequenced lessons: a medium-term plan and its short-term lesson plans."""

from django.urls import URLPattern, URLResolver, path

from lessonplans import views

app_name = "lessonplans"

urlpatterns: list[URLPattern | URLResolver] = [
    path("network/<id:pk>/", views.network_series, name="network"),
    path("network/<id:pk>/new/", views.series_create, name="series_create"),
    path("<id:pk>/", views.series_detail, name="series"),
    path("<id:pk>/edit/", views.series_edit, name="series_edit"),
    path("<id:pk>/publish/", views.series_publish, name="series_publish"),
    path("<id:pk>/lessons/new/", views.lesson_add, name="lesson_add"),
    path("<id:pk>/download/<str:extension>/", views.series_file, name="series_file"),
    path("lessons/<id:pk>/", views.lesson_detail, name="lesson"),
    path("lessons/<id:pk>/edit/", views.lesson_edit, name="lesson_edit"),
    path("lessons/<id:pk>/move/", views.lesson_move, name="lesson_move"),
    path("lessons/<id:pk>/delete/", views.lesson_delete, name="lesson_delete"),
    path("lessons/<id:pk>/download/<str:extension>/", views.lesson_file, name="lesson_file"),
]
