"""/api/v1/: every app's endpoints (``<app>/api.py``), the OpenAPI document and its
readable page. Anything else under the prefix answers a problem document, not a page."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView

from ortaq.lib.api import not_found

app_name = "api"

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:openapi"), name="docs"),
    path("", include("accounts.api")),
    path("", include("networks.api")),
    path("", include("surveys.api")),
    path("", include("exchange.api")),
    path("", include("forums.api")),
    path("", include("materials.api")),
    path("", include("observations.api")),
    path("", include("events.api")),
    path("", include("awards.api")),
    path("", include("portfolios.api")),
    path("", include("plans.api")),
    path("", include("coaching.api")),
    path("", include("mentoring.api")),
    path("", include("lessonstudies.api")),
    path("", include("lessonplans.api")),
    path("", include("diaries.api")),
    re_path(r"^", not_found),
]
