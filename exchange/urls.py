from django.urls import path

from exchange import views

app_name = "exchange"

urlpatterns = [
    path("<int:pk>/export/", views.export, name="export"),
]
