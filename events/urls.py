from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    # Calendars: month grid or list (?view=list), per person, network, group and school.
    path("", views.my_calendar, name="mine"),
    path("network/<id:pk>/", views.network_calendar, name="network"),
    path("network/<id:pk>/groups/<id:group_pk>/", views.group_calendar, name="group"),
    path("schools/<id:pk>/", views.school_calendar, name="school"),
    # The work plan and planning.
    path("network/<id:pk>/plan/", views.plan, name="plan"),
    path("network/<id:pk>/new/", views.event_create, name="create"),
    path("network/<id:pk>/series/new/", views.series_create, name="series_create"),
    path("series/<id:pk>/", views.series_detail, name="series"),
    path("series/<id:pk>/edit/", views.series_edit, name="series_edit"),
    path("series/<id:pk>/cancel/", views.series_cancel, name="series_cancel"),
    # One event.
    path("<id:pk>/", views.event_detail, name="detail"),
    path("<id:pk>/edit/", views.event_edit, name="edit"),
    path("<id:pk>/event.ics", views.event_ics, name="ics"),
    path("<id:pk>/move/", views.event_move, name="move"),
    path("<id:pk>/cancel/", views.event_cancel, name="cancel"),
    path("<id:pk>/restore/", views.event_restore, name="restore"),
    path("<id:pk>/invite/", views.event_invite, name="invite"),
    path("<id:pk>/register/", views.event_register, name="register"),
    path("<id:pk>/decline/", views.event_decline, name="decline"),
    path("<id:pk>/check-in/", views.event_checkin, name="checkin"),
    path("<id:pk>/attendance/", views.attendance, name="attendance"),
    path("<id:pk>/record/", views.record_edit, name="record"),
    path("tasks/<id:pk>/done/", views.task_toggle, name="task_toggle"),
    path("attachments/<id:pk>/", views.attachment, name="attachment"),
    path("<id:pk>/send-to-coordinators/", views.send_materials, name="send_materials"),
    # Open lessons (their pages are observations').
    path("<id:pk>/lessons/new/", views.lesson_create, name="lesson_create"),
    # Calendar subscriptions.
    path("subscribe/", views.subscriptions, name="subscriptions"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
]
