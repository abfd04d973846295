from django.urls import path

from forums import views

app_name = "forums"

urlpatterns = [
    # A network's forum, and the forum of one of its groups: the same pages.
    path("<id:pk>/", views.index, name="index"),
    path("<id:pk>/new/", views.thread_create, name="thread_create"),
    path("<id:pk>/categories/", views.categories, name="categories"),
    path("<id:pk>/preview/", views.preview, name="preview"),
    path("<id:pk>/members/", views.member_picker, name="member_picker"),
    path("<id:pk>/reports/", views.reports, name="reports"),
    path("<id:pk>/groups/<id:group_pk>/", views.index, name="group_index"),
    path("<id:pk>/groups/<id:group_pk>/new/", views.thread_create, name="group_thread_create"),
    path("<id:pk>/groups/<id:group_pk>/categories/", views.categories, name="group_categories"),
    path("<id:pk>/groups/<id:group_pk>/preview/", views.preview, name="group_preview"),
    path("<id:pk>/groups/<id:group_pk>/members/", views.member_picker, name="group_member_picker"),
    path("threads/<id:pk>/", views.thread_detail, name="thread"),
    path("threads/<id:pk>/reply/", views.reply, name="reply"),
    path("threads/<id:pk>/follow/", views.thread_follow, name="thread_follow"),
    path("threads/<id:pk>/moderate/", views.thread_moderate, name="thread_moderate"),
    path("threads/<id:pk>/move/", views.thread_move, name="thread_move"),
    path("posts/<id:pk>/", views.post_detail, name="post"),
    path("posts/<id:pk>/edit/", views.post_edit, name="post_edit"),
    path("posts/<id:pk>/delete/", views.post_delete, name="post_delete"),
    path("posts/<id:pk>/restore/", views.post_restore, name="post_restore"),
    path("posts/<id:pk>/hide/", views.post_hide, name="post_hide"),
    path("posts/<id:pk>/solution/", views.post_solution, name="post_solution"),
    path("posts/<id:pk>/history/", views.post_history, name="post_history"),
    path("posts/<id:pk>/report/", views.post_report, name="post_report"),
    path("reports/<id:pk>/resolve/", views.report_resolve, name="report_resolve"),
    path("categories/<id:pk>/edit/", views.category_edit, name="category_edit"),
    path("categories/<id:pk>/delete/", views.category_delete, name="category_delete"),
    path("categories/<id:pk>/follow/", views.category_follow, name="category_follow"),
    path("files/<id:pk>/", views.attachment, name="attachment"),
    path("files/<id:pk>/thumbnail/", views.attachment_thumbnail, name="attachment_thumbnail"),
    path("notifications/", views.notifications, name="notifications"),
    path("read/", views.everything_read, name="everything_read"),
    path("preferences/", views.preferences, name="preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
