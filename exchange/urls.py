from django.urls import path

from exchange import views

app_name = "exchange"

urlpatterns = [
    path("<int:pk>/export/", views.export, name="export"),
    path("<int:pk>/import/", views.import_people, name="import"),
    path("<int:pk>/import/template/", views.import_template, name="import_template"),
]
