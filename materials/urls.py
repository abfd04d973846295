from django.urls import path

from materials import views

app_name = "materials"

urlpatterns = [
    path("", views.library_home, name="home"),
    path("network/<int:network_pk>/", views.material_list, name="list"),
    path("network/<int:network_pk>/new/", views.material_create, name="create"),
    path("network/<int:network_pk>/collections/", views.collection_list, name="collection_list"),
    path("network/<int:network_pk>/collections/new/", views.collection_create, name="collection_create"),
    path("<int:pk>/", views.material_detail, name="detail"),
    path("<int:pk>/edit/", views.material_edit, name="edit"),
    path("<int:pk>/versions/new/", views.version_create, name="version_create"),
    path("<int:pk>/delete/", views.material_delete, name="delete"),
    path("<int:pk>/hide/", views.material_hide, name="hide"),
    path("<int:pk>/useful/", views.material_useful, name="useful"),
    path("<int:pk>/comments/", views.comment_create, name="comment"),
    path("<int:pk>/collect/", views.material_collect, name="collect"),
    path("comments/<int:pk>/delete/", views.comment_delete, name="comment_delete"),
    path("comments/<int:pk>/hide/", views.comment_hide, name="comment_hide"),
    path("files/<int:pk>/", views.file_serve, name="file"),
    path("files/<int:pk>/thumbnail/", views.file_thumbnail, name="thumbnail"),
    path("collections/<int:pk>/", views.collection_detail, name="collection_detail"),
    path("collections/<int:pk>/edit/", views.collection_edit, name="collection_edit"),
    path("collections/<int:pk>/delete/", views.collection_delete, name="collection_delete"),
    path("collections/<int:pk>/items/<int:item_pk>/move/", views.collection_item_move, name="collection_item_move"),
    path(
        "collections/<int:pk>/items/<int:item_pk>/remove/", views.collection_item_remove, name="collection_item_remove"
    ),
]
