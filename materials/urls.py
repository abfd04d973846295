from django.urls import path

from materials import views

app_name = "materials"

urlpatterns = [
    path("", views.library_home, name="home"),
    path("network/<id:network_pk>/", views.material_list, name="list"),
    path("network/<id:network_pk>/new/", views.material_create, name="create"),
    path("network/<id:network_pk>/collections/", views.collection_list, name="collection_list"),
    path("network/<id:network_pk>/collections/new/", views.collection_create, name="collection_create"),
    path("<id:pk>/", views.material_detail, name="detail"),
    path("<id:pk>/edit/", views.material_edit, name="edit"),
    path("<id:pk>/versions/new/", views.version_create, name="version_create"),
    path("<id:pk>/delete/", views.material_delete, name="delete"),
    path("<id:pk>/hide/", views.material_hide, name="hide"),
    path("<id:pk>/useful/", views.material_useful, name="useful"),
    path("<id:pk>/comments/", views.comment_create, name="comment"),
    path("<id:pk>/collect/", views.material_collect, name="collect"),
    path("comments/<id:pk>/delete/", views.comment_delete, name="comment_delete"),
    path("comments/<id:pk>/hide/", views.comment_hide, name="comment_hide"),
    path("files/<id:pk>/", views.file_serve, name="file"),
    path("files/<id:pk>/thumbnail/", views.file_thumbnail, name="thumbnail"),
    path("collections/<id:pk>/", views.collection_detail, name="collection_detail"),
    path("collections/<id:pk>/edit/", views.collection_edit, name="collection_edit"),
    path("collections/<id:pk>/delete/", views.collection_delete, name="collection_delete"),
    path("collections/<id:pk>/items/<id:item_pk>/move/", views.collection_item_move, name="collection_item_move"),
    path("collections/<id:pk>/items/<id:item_pk>/remove/", views.collection_item_remove, name="collection_item_remove"),
]
