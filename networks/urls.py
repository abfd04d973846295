from django.urls import path

from networks import views

app_name = "networks"

urlpatterns = [
    path("", views.network_list, name="list"),
    path("people/<id:pk>/", views.person, name="person"),
    path("people/certifications/<id:pk>/file/", views.certification_file, name="certification_file"),
    path("new/", views.network_create, name="create"),
    path("schools-asked/", views.school_requests, name="school_requests"),
    path("schools-asked/<id:pk>/", views.school_request, name="school_request"),
    path("schools-asked/<id:pk>/decline/", views.school_request_decline, name="school_request_decline"),
    path("<id:pk>/", views.network_detail, name="detail"),
    path("<id:pk>/edit/", views.network_edit, name="edit"),
    path("<id:pk>/translate/<str:language>/", views.network_translate, name="translate"),
    path("<id:pk>/schools/", views.network_schools, name="schools"),
    path("<id:pk>/schools/<id:school_pk>/leading/", views.school_set_leading, name="school_leading"),
    path("<id:pk>/schools/<id:school_pk>/remove/", views.school_remove, name="school_remove"),
    path("<id:pk>/members/", views.members, name="members"),
    path("<id:pk>/people/", views.people, name="people"),
    path("<id:pk>/members/<id:membership_pk>/role/", views.member_role, name="member_role"),
    path("<id:pk>/members/<id:membership_pk>/remove/", views.member_remove, name="member_remove"),
    path("<id:pk>/invitations/new/", views.invitation_create, name="invitation_create"),
    path("<id:pk>/invitations/<id:invitation_pk>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("<id:pk>/join/", views.join_request, name="join"),
    path("<id:pk>/requests/<id:request_pk>/", views.join_request_decide, name="request_decide"),
    path("<id:pk>/groups/new/", views.group_create, name="group_create"),
    path("<id:pk>/groups/<id:group_pk>/", views.group_detail, name="group"),
    path("<id:pk>/groups/<id:group_pk>/edit/", views.group_edit, name="group_edit"),
    path("<id:pk>/groups/<id:group_pk>/delete/", views.group_delete, name="group_delete"),
    path("<id:pk>/groups/<id:group_pk>/tasks/<id:task_pk>/edit/", views.group_task_edit, name="task_edit"),
    path("<id:pk>/groups/<id:group_pk>/tasks/<id:task_pk>/toggle/", views.group_task_toggle, name="task_toggle"),
    path("<id:pk>/groups/<id:group_pk>/tasks/<id:task_pk>/delete/", views.group_task_delete, name="task_delete"),
]
