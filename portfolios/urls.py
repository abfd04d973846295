from django.urls import path

from portfolios import views

app_name = "portfolios"

# Mounted under /events/, where a person's record was first shown.
urlpatterns = [
    path("people/<id:pk>/record/", views.person_record, name="record"),
]
