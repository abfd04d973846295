from django.contrib import admin

from forums.models import (
    Attachment,
    Category,
    Forum,
    ForumPreference,
    Post,
    PostRevision,
    ReadState,
    Report,
    Subscription,
    Thread,
)

# Threads and posts come in tens of thousands: foreign keys are typed ids, not menus.


class CategoryInline(admin.TabularInline):
    model = Category
    extra = 0
    fields = ["name", "description", "position", "thread_count"]
    readonly_fields = ["thread_count"]


@admin.register(Forum)
class ForumAdmin(admin.ModelAdmin):
    list_display = ["__str__", "network", "group", "created_at"]
    list_select_related = ["network", "group"]
    search_fields = ["network__name", "group__name"]
    raw_id_fields = ["network", "group"]
    inlines = [CategoryInline]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "forum", "position", "thread_count"]
    list_select_related = ["forum__network", "forum__group"]
    search_fields = ["name", "forum__network__name"]
    raw_id_fields = ["forum"]
    readonly_fields = ["thread_count"]


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = ["title", "forum", "category", "author", "reply_count", "last_post_at", "is_pinned", "is_locked"]
    list_filter = ["is_question", "is_pinned", "is_locked", "is_hidden"]
    list_select_related = ["forum__network", "forum__group", "category", "author"]
    search_fields = ["title", "author__full_name", "author__email"]
    raw_id_fields = ["forum", "category", "author", "solution"]
    readonly_fields = ["last_number", "reply_count", "last_post_at", "last_poster"]
    date_hierarchy = "created_at"


class PostRevisionInline(admin.TabularInline):
    model = PostRevision
    extra = 0
    readonly_fields = ["title", "body", "edited_by", "created_at"]
    can_delete = False


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    readonly_fields = ["original_name", "family", "content_type", "size", "created_at"]
    fields = readonly_fields


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["__str__", "author", "created_at", "edited_at", "is_hidden", "deleted_at"]
    list_filter = ["is_hidden"]
    list_select_related = ["thread", "author"]
    search_fields = ["body", "author__full_name", "thread__title"]
    raw_id_fields = ["thread", "author", "deleted_by"]
    readonly_fields = ["number", "body_html"]
    inlines = [AttachmentInline, PostRevisionInline]


@admin.register(PostRevision)
class PostRevisionAdmin(admin.ModelAdmin):
    list_display = ["post", "edited_by", "created_at"]
    list_select_related = ["post__thread", "edited_by"]
    raw_id_fields = ["post", "edited_by"]


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "family", "content_type", "size", "post", "created_at"]
    list_filter = ["family"]
    list_select_related = ["post__thread"]
    search_fields = ["original_name"]
    raw_id_fields = ["post"]


@admin.register(ReadState)
class ReadStateAdmin(admin.ModelAdmin):
    list_display = ["user", "thread", "last_read_number", "updated_at"]
    list_select_related = ["user", "thread"]
    raw_id_fields = ["user", "thread"]


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["user", "thread", "category", "created_at"]
    list_select_related = ["user", "thread", "category"]
    raw_id_fields = ["user", "thread", "category"]


@admin.register(ForumPreference)
class ForumPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "marked_read_at", "updated_at"]
    list_select_related = ["user"]
    search_fields = ["user__full_name", "user__email"]
    raw_id_fields = ["user"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["post", "reporter", "created_at", "resolved_at", "outcome"]
    list_filter = ["outcome"]
    list_select_related = ["post__thread", "reporter"]
    raw_id_fields = ["post", "reporter", "resolved_by"]
