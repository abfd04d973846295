from django.urls import path

from exchange import views

app_name = "exchange"

urlpatterns = [
    path("<id:pk>/export/", views.export, name="export"),
    path("<id:pk>/import/", views.import_people, name="import"),
    path("<id:pk>/import/template/", views.import_template, name="import_template"),
]
