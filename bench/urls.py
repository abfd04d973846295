"""The site's own URLs plus the benchmark's two baselines. Used only when the
benchmark starts the server with ``ORTAQ_BENCH=1`` (ortaq/settings.py); a normal
deployment never routes to these views."""

from django.urls import path

from bench import views
from ortaq.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    path("bench/hello", views.hello, name="bench_hello"),
    path("bench/one-query", views.one_query, name="bench_one_query"),
    path("bench/layout", views.layout, name="bench_layout"),
    *site_urlpatterns,
]
