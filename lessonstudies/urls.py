"""Lesson Study: the team, the research lessons and their case pupils, the discussion and the report."""

from django.urls import path

from lessonstudies import views

app_name = "lessonstudies"

urlpatterns = [
    path("network/<id:pk>/", views.network_cycles, name="network"),
    path("network/<id:pk>/new/", views.cycle_create, name="create"),
    path("<id:pk>/", views.cycle_detail, name="cycle"),
    path("<id:pk>/edit/", views.cycle_edit, name="edit"),
    path("<id:pk>/pupils/", views.pupils, name="pupils"),
    path("<id:pk>/lessons/new/", views.schedule, name="schedule"),
    path("<id:pk>/compare/", views.comparison, name="compare"),
    path("<id:pk>/report/", views.report, name="report"),
    path("<id:pk>/report.<str:extension>", views.report_file, name="report_file"),
    path("<id:pk>/publish/", views.publish, name="publish"),
    path("lessons/<id:pk>/", views.lesson_detail, name="lesson"),
    path("lessons/<id:pk>/predictions/", views.predictions, name="predictions"),
    path("lessons/<id:pk>/sheet/", views.sheet, name="sheet"),
    path("lessons/<id:pk>/notes/", views.add_note, name="notes"),
    path("lessons/<id:pk>/interviews/<id:pupil_pk>/", views.interview, name="interview"),
    path("lessons/<id:pk>/discussion/", views.discussion, name="discussion"),
]
