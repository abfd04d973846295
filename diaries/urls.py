"""A teacher's reflective diary: private unless an entry is shared."""

from django.urls import URLPattern, URLResolver, path

from diaries import views

app_name = "diaries"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.my_diary, name="mine"),
    path("shared/", views.shared_with_me, name="shared"),
    path("new/", views.entry_create, name="create"),
    path("<id:pk>/", views.entry_detail, name="entry"),
    path("<id:pk>/edit/", views.entry_edit, name="entry_edit"),
    path("<id:pk>/delete/", views.entry_delete, name="entry_delete"),
    path("<id:pk>/share/", views.entry_share, name="entry_share"),
    path("<id:pk>/unshare/<id:person>/", views.entry_unshare, name="entry_unshare"),
]
