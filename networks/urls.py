from django.urls import path

from networks import views

app_name = "networks"

urlpatterns = [
    path("", views.network_list, name="list"),
    path("people/<int:pk>/", views.person, name="person"),
    path("people/certifications/<int:pk>/file/", views.certification_file, name="certification_file"),
    path("new/", views.network_create, name="create"),
    path("schools-asked/", views.school_requests, name="school_requests"),
    path("schools-asked/<int:pk>/", views.school_request, name="school_request"),
    path("schools-asked/<int:pk>/decline/", views.school_request_decline, name="school_request_decline"),
    path("<int:pk>/", views.network_detail, name="detail"),
    path("<int:pk>/edit/", views.network_edit, name="edit"),
    path("<int:pk>/translate/<str:language>/", views.network_translate, name="translate"),
    path("<int:pk>/schools/", views.network_schools, name="schools"),
    path("<int:pk>/schools/<int:school_pk>/leading/", views.school_set_leading, name="school_leading"),
    path("<int:pk>/schools/<int:school_pk>/remove/", views.school_remove, name="school_remove"),
    path("<int:pk>/members/", views.members, name="members"),
    path("<int:pk>/people/", views.people, name="people"),
    path("<int:pk>/members/<int:membership_pk>/role/", views.member_role, name="member_role"),
    path("<int:pk>/members/<int:membership_pk>/remove/", views.member_remove, name="member_remove"),
    path("<int:pk>/invitations/new/", views.invitation_create, name="invitation_create"),
    path("<int:pk>/invitations/<int:invitation_pk>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("<int:pk>/join/", views.join_request, name="join"),
    path("<int:pk>/requests/<int:request_pk>/", views.join_request_decide, name="request_decide"),
    path("<int:pk>/groups/new/", views.group_create, name="group_create"),
    path("<int:pk>/groups/<int:group_pk>/", views.group_detail, name="group"),
    path("<int:pk>/groups/<int:group_pk>/edit/", views.group_edit, name="group_edit"),
    path("<int:pk>/groups/<int:group_pk>/delete/", views.group_delete, name="group_delete"),
    path("<int:pk>/groups/<int:group_pk>/tasks/<int:task_pk>/edit/", views.group_task_edit, name="task_edit"),
    path("<int:pk>/groups/<int:group_pk>/tasks/<int:task_pk>/toggle/", views.group_task_toggle, name="task_toggle"),
    path("<int:pk>/groups/<int:group_pk>/tasks/<int:task_pk>/delete/", views.group_task_delete, name="task_delete"),
]
