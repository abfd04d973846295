from django.urls import path

from surveys import views

app_name = "surveys"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("network/<int:pk>/", views.network_surveys, name="network"),
    path("network/<int:pk>/new/", views.create, name="create"),
    path(
        "network/<int:pk>/questionnaires/<int:instrument_pk>/surveyjs.json",
        views.surveyjs_export,
        name="surveyjs_export",
    ),
    path("network/<int:pk>/questionnaires/import/", views.surveyjs_import, name="surveyjs_import"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/send/", views.send, name="send"),
    path("<int:pk>/close/", views.close, name="close"),
    path("<int:pk>/remind/", views.remind, name="remind"),
    path("<int:pk>/links/", views.links, name="links"),
    path("<int:pk>/links/print/", views.links_print, name="links_print"),
    path("links/<int:pk>/revoke/", views.link_revoke, name="link_revoke"),
    path("<int:pk>/answer/", views.answer, name="answer"),
    path("<int:pk>/done/", views.done, name="done"),
    path("<int:pk>/results/", views.results_page, name="results"),
    path("<int:pk>/answers.csv", views.export, {"kind": "csv"}, name="export_csv"),
    path("<int:pk>/answers.xlsx", views.export, {"kind": "xlsx"}, name="export_xlsx"),
    path("<int:pk>/codebook.csv", views.export, {"kind": "codebook"}, name="codebook"),
    # Answering through a public link: no account, nothing else of the survey.
    path("a/<str:token>/", views.public, name="public"),
    path("a/<str:token>/done/", views.public_done, name="public_done"),
]
