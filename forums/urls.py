from django.urls import path

from forums import views

app_name = "forums"

urlpatterns = [
    # A network's forum, and the forum of one of its groups: the same pages.
    path("<int:pk>/", views.index, name="index"),
    path("<int:pk>/new/", views.thread_create, name="thread_create"),
    path("<int:pk>/categories/", views.categories, name="categories"),
    path("<int:pk>/preview/", views.preview, name="preview"),
    path("<int:pk>/members/", views.member_picker, name="member_picker"),
    path("<int:pk>/reports/", views.reports, name="reports"),
    path("<int:pk>/groups/<int:group_pk>/", views.index, name="group_index"),
    path("<int:pk>/groups/<int:group_pk>/new/", views.thread_create, name="group_thread_create"),
    path("<int:pk>/groups/<int:group_pk>/categories/", views.categories, name="group_categories"),
    path("<int:pk>/groups/<int:group_pk>/preview/", views.preview, name="group_preview"),
    path("<int:pk>/groups/<int:group_pk>/members/", views.member_picker, name="group_member_picker"),
    path("threads/<int:pk>/", views.thread_detail, name="thread"),
    path("threads/<int:pk>/reply/", views.reply, name="reply"),
    path("threads/<int:pk>/follow/", views.thread_follow, name="thread_follow"),
    path("threads/<int:pk>/moderate/", views.thread_moderate, name="thread_moderate"),
    path("threads/<int:pk>/move/", views.thread_move, name="thread_move"),
    path("posts/<int:pk>/", views.post_detail, name="post"),
    path("posts/<int:pk>/edit/", views.post_edit, name="post_edit"),
    path("posts/<int:pk>/delete/", views.post_delete, name="post_delete"),
    path("posts/<int:pk>/restore/", views.post_restore, name="post_restore"),
    path("posts/<int:pk>/hide/", views.post_hide, name="post_hide"),
    path("posts/<int:pk>/solution/", views.post_solution, name="post_solution"),
    path("posts/<int:pk>/history/", views.post_history, name="post_history"),
    path("posts/<int:pk>/report/", views.post_report, name="post_report"),
    path("reports/<int:pk>/resolve/", views.report_resolve, name="report_resolve"),
    path("categories/<int:pk>/edit/", views.category_edit, name="category_edit"),
    path("categories/<int:pk>/delete/", views.category_delete, name="category_delete"),
    path("categories/<int:pk>/follow/", views.category_follow, name="category_follow"),
    path("files/<int:pk>/", views.attachment, name="attachment"),
    path("files/<int:pk>/thumbnail/", views.attachment_thumbnail, name="attachment_thumbnail"),
    path("notifications/", views.notifications, name="notifications"),
    path("read/", views.everything_read, name="everything_read"),
    path("preferences/", views.preferences, name="preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
