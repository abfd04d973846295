from django.contrib import admin
from django.db import models

from materials.models import (
    Authorship,
    Collection,
    CollectionItem,
    Comment,
    LearningObjective,
    Material,
    MaterialFile,
    MaterialVersion,
    Tag,
    UsefulMark,
)


class AuthorshipInline(admin.TabularInline):
    model = Authorship
    extra = 0
    autocomplete_fields = ["user"]


class LearningObjectiveInline(admin.TabularInline):
    model = LearningObjective
    extra = 0


# Links people paste without a scheme are meant as https (Django 6's default).
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class MaterialVersionInline(admin.TabularInline):
    model = MaterialVersion
    extra = 0
    formfield_overrides = URL_FIELDS
    fields = ["number", "note", "link", "created_by", "created_at"]
    readonly_fields = ["created_by", "created_at"]
    show_change_link = True


@admin.register(Material)
class MaterialAdmin(admin.ModelAdmin):
    list_display = ["title", "network", "kind", "subject", "language", "visibility", "created_at", "hidden_at"]
    list_filter = ["kind", "language", "visibility", "licence", "network"]
    search_fields = ["title", "description", "objectives__code"]
    autocomplete_fields = ["network", "subject", "group", "school", "tags"]
    readonly_fields = [
        "grade_mask",
        "current_version",
        "view_count",
        "download_count",
        "useful_count",
        "created_by",
        "updated_at",
        "hidden_by",
    ]
    inlines = [AuthorshipInline, LearningObjectiveInline, MaterialVersionInline]
    list_select_related = ["network", "subject"]
    date_hierarchy = "created_at"


class MaterialFileInline(admin.TabularInline):
    model = MaterialFile
    extra = 0
    fields = ["name", "file", "thumbnail", "mime", "family", "size", "position"]
    readonly_fields = ["mime", "family", "size"]


@admin.register(MaterialVersion)
class MaterialVersionAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["material", "number", "created_at", "created_by"]
    search_fields = ["material__title", "note"]
    autocomplete_fields = ["material", "created_by"]
    inlines = [MaterialFileInline]
    list_select_related = ["material", "created_by"]


@admin.register(MaterialFile)
class MaterialFileAdmin(admin.ModelAdmin):
    list_display = ["name", "version", "family", "mime", "size"]
    list_filter = ["family"]
    search_fields = ["name", "version__material__title"]
    raw_id_fields = ["version"]
    readonly_fields = ["mime", "family", "size"]
    list_select_related = ["version__material"]


@admin.register(Authorship)
class AuthorshipAdmin(admin.ModelAdmin):
    list_display = ["user", "material", "position"]
    search_fields = ["user__full_name", "user__email", "material__title"]
    autocomplete_fields = ["user", "material"]
    list_select_related = ["user", "material"]


@admin.register(LearningObjective)
class LearningObjectiveAdmin(admin.ModelAdmin):
    list_display = ["code", "material"]
    search_fields = ["code", "material__title"]
    autocomplete_fields = ["material"]
    list_select_related = ["material"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["material", "author", "created_at", "hidden_at"]
    list_filter = ["hidden_at"]
    search_fields = ["body", "author__full_name", "material__title"]
    autocomplete_fields = ["material", "author", "hidden_by"]
    list_select_related = ["material", "author"]


@admin.register(UsefulMark)
class UsefulMarkAdmin(admin.ModelAdmin):
    list_display = ["material", "user", "created_at"]
    search_fields = ["material__title", "user__full_name"]
    autocomplete_fields = ["material", "user"]
    list_select_related = ["material", "user"]


class CollectionItemInline(admin.TabularInline):
    model = CollectionItem
    extra = 0
    autocomplete_fields = ["material"]
    fields = ["position", "material", "note"]


@admin.register(Collection)
class CollectionAdmin(admin.ModelAdmin):
    list_display = ["title", "network", "visibility", "created_by", "created_at"]
    list_filter = ["visibility", "network"]
    search_fields = ["title", "description"]
    autocomplete_fields = ["network", "group", "created_by"]
    inlines = [CollectionItemInline]
    list_select_related = ["network", "created_by"]


@admin.register(CollectionItem)
class CollectionItemAdmin(admin.ModelAdmin):
    list_display = ["collection", "material", "position"]
    search_fields = ["collection__title", "material__title"]
    autocomplete_fields = ["collection", "material", "added_by"]
    list_select_related = ["collection", "material"]
