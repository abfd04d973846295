from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    # Calendars: month grid or list (?view=list), per person, network, group and school.
    path("", views.my_calendar, name="mine"),
    path("network/<int:pk>/", views.network_calendar, name="network"),
    path("network/<int:pk>/groups/<int:group_pk>/", views.group_calendar, name="group"),
    path("schools/<int:pk>/", views.school_calendar, name="school"),
    # The work plan and planning.
    path("network/<int:pk>/plan/", views.plan, name="plan"),
    path("network/<int:pk>/new/", views.event_create, name="create"),
    path("network/<int:pk>/series/new/", views.series_create, name="series_create"),
    path("series/<int:pk>/", views.series_detail, name="series"),
    path("series/<int:pk>/edit/", views.series_edit, name="series_edit"),
    path("series/<int:pk>/cancel/", views.series_cancel, name="series_cancel"),
    # One event.
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/edit/", views.event_edit, name="edit"),
    path("<int:pk>/event.ics", views.event_ics, name="ics"),
    path("<int:pk>/move/", views.event_move, name="move"),
    path("<int:pk>/cancel/", views.event_cancel, name="cancel"),
    path("<int:pk>/restore/", views.event_restore, name="restore"),
    path("<int:pk>/invite/", views.event_invite, name="invite"),
    path("<int:pk>/register/", views.event_register, name="register"),
    path("<int:pk>/decline/", views.event_decline, name="decline"),
    path("<int:pk>/check-in/", views.event_checkin, name="checkin"),
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
    path("<int:pk>/record/", views.record_edit, name="record"),
    path("tasks/<int:pk>/done/", views.task_toggle, name="task_toggle"),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
    path("<int:pk>/send-to-coordinators/", views.send_materials, name="send_materials"),
    # Open lessons (their pages are observations').
    path("<int:pk>/lessons/new/", views.lesson_create, name="lesson_create"),
    # Calendar subscriptions.
    path("subscribe/", views.subscriptions, name="subscriptions"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
]
