from django.urls import path

from observations import views

app_name = "observations"

# Mounted under /events/, where open lessons were first shown: the addresses people
# saved keep working.
urlpatterns = [
    path("network/<id:pk>/forms/", views.observation_forms, name="forms"),
    path("lessons/<id:pk>/", views.lesson_detail, name="lesson"),
    path("lessons/<id:pk>/plan/", views.lesson_plan_file, name="lesson_plan"),
    path("lessons/<id:pk>/observe/", views.observe, name="observe"),
    path("lessons/<id:pk>/release/", views.release, name="release"),
]
