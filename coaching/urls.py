"""Coaching: coaching plans, their sessions and lesson visits, a coach's caseload."""

from django.urls import URLPattern, URLResolver, path

from coaching import views

app_name = "coaching"

urlpatterns: list[URLPattern | URLResolver] = [
    path("caseload/", views.caseload, name="caseload"),
    path("mine/", views.my_coaching, name="mine"),
    path("network/<id:pk>/", views.network_plans, name="network"),
    path("network/<id:pk>/new/", views.plan_create, name="create"),
    path("plans/<id:pk>/", views.plan_detail, name="plan"),
    path("plans/<id:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("plans/<id:pk>/share/", views.plan_share, name="plan_share"),
    path("plans/<id:pk>/sessions/new/", views.session_create, name="session_create"),
    path("plans/<id:pk>/visits/new/", views.visit_create, name="visit_create"),
    path("sessions/<id:pk>/", views.session_detail, name="session"),
    path("sessions/<id:pk>/record/", views.session_record, name="session_record"),
    path("sessions/<id:pk>/reflect/", views.session_reflect, name="session_reflect"),
    path("evidence/<id:pk>/", views.evidence_file, name="evidence"),
]
