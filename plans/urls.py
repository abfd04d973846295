from django.urls import path

from plans import views

app_name = "plans"

urlpatterns = [
    path("network/<int:pk>/", views.network_plans, name="network"),
    path("network/<int:pk>/new/", views.plan_create, name="create"),
    path("network/<int:pk>/rubric/", views.rubric_map, name="rubric"),
    path("network/<int:pk>/rubric/school/<int:school_pk>/", views.rubric_school, name="rubric_school"),
    path("rubric/placement/<int:pk>/moderate/", views.placement_moderate, name="moderate"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/edit/", views.plan_edit, name="edit"),
    path("<int:pk>/audit/", views.audit, name="audit"),
    path("<int:pk>/audit/data/", views.data_row_add, name="data_row_add"),
    path("<int:pk>/priorities/", views.priorities, name="priorities"),
    path("<int:pk>/activities/", views.activities, name="activities"),
    path("<int:pk>/implementation/", views.implementation, name="implementation"),
    path("<int:pk>/evaluation/", views.evaluation, name="evaluation"),
    path("<int:pk>/report/", views.report, name="report"),
    path("<int:pk>/report/generate/", views.report_generate, name="report_generate"),
    path("reports/<int:pk>/download/<str:extension>/", views.report_file, name="report_file"),
    path("<int:pk>/comments/", views.comment_add, name="comment_add"),
    path("comments/<int:pk>/resolve/", views.comment_resolve, name="comment_resolve"),
    path("priorities/<int:pk>/", views.priority_edit, name="priority_edit"),
    path("priorities/<int:pk>/goals/new/", views.goal_add, name="goal_add"),
    path("goals/<int:pk>/", views.goal_edit, name="goal_edit"),
    path("goals/<int:pk>/criteria/", views.criterion_add, name="criterion_add"),
    path("goals/<int:pk>/check/", views.check_record, name="check"),
    path("criteria/<int:pk>/status/", views.criterion_status, name="criterion_status"),
    path("activities/<int:pk>/", views.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/done/", views.activity_done, name="activity_done"),
]
