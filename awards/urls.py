from django.urls import path

from awards import views

app_name = "awards"

# Mounted under /events/: the verification address is printed in the QR code of every
# document issued, so it must never change.
urlpatterns = [
    path("<id:pk>/awards/", views.awards, name="event"),
    path("awards/<id:pk>/pdf/", views.award_pdf, name="pdf"),
    path("awards/<id:pk>/revoke/", views.award_revoke, name="revoke"),
    path("verify/", views.verify, name="verify"),
    path("verify/<str:code>/", views.verify, name="verify_code"),
]
