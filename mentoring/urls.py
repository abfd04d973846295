"""Mentoring: pairs of a mentor and a mentee, their goals and meetings."""

from django.urls import URLPattern, URLResolver, path

from mentoring import views

app_name = "mentoring"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.mine, name="mine"),
    path("networks/<id:pk>/", views.network_pairs, name="network"),
    path("networks/<id:pk>/new/", views.pair_create, name="create"),
    path("pairs/<id:pk>/", views.pair_detail, name="pair"),
    path("pairs/<id:pk>/edit/", views.pair_edit, name="pair_edit"),
    path("pairs/<id:pk>/meetings/", views.meeting_add, name="meeting_add"),
    path("pairs/<id:pk>/share/", views.pair_share, name="pair_share"),
    path("pairs/<id:pk>/complete/", views.pair_complete, name="pair_complete"),
]
