from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from networks import views as network_views
from networks.views import invitation
from ortaq.views import healthz

handler500 = "ortaq.views.server_error"

admin.site.site_header = _("Ortaq administration")
admin.site.site_title = _("Ortaq")
admin.site.index_title = _("Administration")

urlpatterns = [
    path("", network_views.home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("accounts/", include("accounts.urls")),
    path("networks/", include("networks.urls")),
    # A network's records out as files and its people in from one (the exchange app).
    path("networks/", include("exchange.urls")),
    path("invite/<str:token>/", invitation, name="invitation"),
    path("forum/", include("forums.urls")),
    path("library/", include("materials.urls")),
    path("search/", include("search.urls")),
    path("notifications/", include("notifications.urls")),
    path("events/", include("events.urls")),
    path("surveys/", include("surveys.urls")),
    # Open lessons, awards and a person's record left events for their own apps but
    # keep the addresses people saved and the QR codes printed on certificates.
    path("events/", include("observations.urls")),
    path("events/", include("awards.urls")),
    path("events/", include("portfolios.urls")),
    path("plans/", include("plans.urls")),
    path("coaching/", include("coaching.urls")),
    path("mentoring/", include("mentoring.urls")),
    path("lesson-studies/", include("lessonstudies.urls")),
    path("lesson-plans/", include("lessonplans.urls")),
    path("diary/", include("diaries.urls")),
    path("api/v1/", include("ortaq.api_urls")),
    path("admin/", admin.site.urls),
]
