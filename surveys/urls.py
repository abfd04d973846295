from django.urls import path

from surveys import editor, views

app_name = "surveys"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("network/<id:pk>/", views.network_surveys, name="network"),
    path("network/<id:pk>/new/", views.create, name="create"),
    path("network/<id:pk>/needs/", views.needs_page, name="needs"),
    path("event/<id:pk>/feedback/", views.event_feedback, name="event_feedback"),
    path(
        "network/<id:pk>/questionnaires/<id:instrument_pk>/surveyjs.json",
        views.surveyjs_export,
        name="surveyjs_export",
    ),
    path(
        "network/<id:pk>/questionnaires/<id:instrument_pk>/xlsform.xlsx",
        views.xlsform_export,
        name="xlsform_export",
    ),
    path("network/<id:pk>/questionnaires/import/", views.surveyjs_import, name="surveyjs_import"),
    path("network/<id:pk>/questionnaires/import-xlsform/", views.xlsform_import, name="xlsform_import"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/send/", views.send, name="send"),
    path("<id:pk>/close/", views.close, name="close"),
    path("<id:pk>/remind/", views.remind, name="remind"),
    path("<id:pk>/links/", views.links, name="links"),
    path("<id:pk>/links/print/", views.links_print, name="links_print"),
    path("links/<id:pk>/revoke/", views.link_revoke, name="link_revoke"),
    path("<id:pk>/answer/", views.answer, name="answer"),
    path("<id:pk>/done/", views.done, name="done"),
    path("<id:pk>/results/", views.results_page, name="results"),
    path("<id:pk>/answers.csv", views.export, {"kind": "csv"}, name="export_csv"),
    path("<id:pk>/answers.xlsx", views.export, {"kind": "xlsx"}, name="export_xlsx"),
    path("<id:pk>/summary.docx", views.export, {"kind": "docx"}, name="export_docx"),
    path("<id:pk>/codebook.csv", views.export, {"kind": "codebook"}, name="codebook"),
    # Answering through a public link: no account, nothing else of the survey.
    path("a/<str:token>/", views.public, name="public"),
    path("a/<str:token>/done/", views.public_done, name="public_done"),
]

# The questionnaire editor (surveys/editor.py).
urlpatterns += [
    path("network/<id:pk>/questionnaires/new/", editor.instrument_create, name="instrument_create"),
    path("network/<id:pk>/questionnaires/<id:instrument_pk>/copy/", editor.instrument_copy, name="instrument_copy"),
    path("questionnaires/<id:pk>/", editor.editor, name="editor"),
    path("questionnaires/<id:pk>/edit/", editor.instrument_edit, name="instrument_edit"),
    path("questionnaires/<id:pk>/sections/new/", editor.section_add, name="section_add"),
    path("sections/<id:pk>/edit/", editor.section_edit, name="section_edit"),
    path("sections/<id:pk>/move/", editor.section_move, name="section_move"),
    path("sections/<id:pk>/delete/", editor.section_delete, name="section_delete"),
    path("sections/<id:pk>/preview/", editor.section_preview, name="section_preview"),
    path("sections/<id:pk>/questions/new/", editor.item_add, name="item_add"),
    path("questions/<id:pk>/edit/", editor.item_edit, name="item_edit"),
    path("questions/<id:pk>/move/", editor.item_move, name="item_move"),
    path("questions/<id:pk>/delete/", editor.item_delete, name="item_delete"),
]
