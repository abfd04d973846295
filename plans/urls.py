from django.urls import path

from plans import views

app_name = "plans"

urlpatterns = [
    path("network/<id:pk>/", views.network_plans, name="network"),
    path("network/<id:pk>/new/", views.plan_create, name="create"),
    path("network/<id:pk>/rubric/", views.rubric_map, name="rubric"),
    path("network/<id:pk>/rubric/school/<id:school_pk>/", views.rubric_school, name="rubric_school"),
    path("rubric/placement/<id:pk>/moderate/", views.placement_moderate, name="moderate"),
    path("<id:pk>/", views.plan_detail, name="detail"),
    path("<id:pk>/edit/", views.plan_edit, name="edit"),
    path("<id:pk>/audit/", views.audit, name="audit"),
    path("<id:pk>/audit/data/", views.data_row_add, name="data_row_add"),
    path("<id:pk>/priorities/", views.priorities, name="priorities"),
    path("<id:pk>/activities/", views.activities, name="activities"),
    path("<id:pk>/implementation/", views.implementation, name="implementation"),
    path("<id:pk>/evaluation/", views.evaluation, name="evaluation"),
    path("<id:pk>/report/", views.report, name="report"),
    path("<id:pk>/report/generate/", views.report_generate, name="report_generate"),
    path("reports/<id:pk>/download/<str:extension>/", views.report_file, name="report_file"),
    path("<id:pk>/comments/", views.comment_add, name="comment_add"),
    path("comments/<id:pk>/resolve/", views.comment_resolve, name="comment_resolve"),
    path("priorities/<id:pk>/", views.priority_edit, name="priority_edit"),
    path("priorities/<id:pk>/goals/new/", views.goal_add, name="goal_add"),
    path("goals/<id:pk>/", views.goal_edit, name="goal_edit"),
    path("goals/<id:pk>/criteria/", views.criterion_add, name="criterion_add"),
    path("goals/<id:pk>/check/", views.check_record, name="check"),
    path("criteria/<id:pk>/status/", views.criterion_status, name="criterion_status"),
    path("activities/<id:pk>/", views.activity_edit, name="activity_edit"),
    path("activities/<id:pk>/done/", views.activity_done, name="activity_done"),
]
