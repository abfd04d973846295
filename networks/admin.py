from django.contrib import admin

from networks.models import (
    Group,
    GroupMembership,
    GroupTask,
    Invitation,
    JoinRequest,
    Membership,
    Network,
    NetworkSchool,
)


class NetworkSchoolInline(admin.TabularInline):
    model = NetworkSchool
    extra = 0
    autocomplete_fields = ["school"]


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "is_listed", "created_at"]
    list_filter = ["kind", "is_listed"]
    search_fields = ["name", "goal"]
    inlines = [NetworkSchoolInline]
    readonly_fields = ["created_by", "created_at", "updated_at"]


@admin.register(NetworkSchool)
class NetworkSchoolAdmin(admin.ModelAdmin):
    list_display = ["school", "network", "role", "joined_on"]
    list_filter = ["role", "network"]
    search_fields = ["school__name", "network__name"]
    autocomplete_fields = ["school", "network"]
    list_select_related = ["school", "network"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "network", "role", "joined_at"]
    list_filter = ["role", "network"]
    search_fields = ["user__full_name", "user__email", "network__name"]
    autocomplete_fields = ["user", "network", "invited_by"]
    list_select_related = ["user", "network"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["network", "email", "role", "uses", "max_uses", "expires_at", "revoked_at"]
    list_filter = ["role", "network"]
    search_fields = ["email", "network__name"]
    autocomplete_fields = ["network", "school", "created_by"]
    readonly_fields = ["token", "uses", "created_at"]
    list_select_related = ["network"]


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    list_display = ["user", "network", "status", "created_at", "decided_at"]
    list_filter = ["status", "network"]
    search_fields = ["user__full_name", "user__email", "network__name"]
    autocomplete_fields = ["user", "network", "decided_by"]
    list_select_related = ["user", "network"]


class GroupMembershipInline(admin.TabularInline):
    model = GroupMembership
    extra = 0
    autocomplete_fields = ["user"]


class GroupTaskInline(admin.TabularInline):
    model = GroupTask
    extra = 0
    autocomplete_fields = ["assignee"]


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ["name", "network", "kind", "leader"]
    list_filter = ["kind", "network"]
    search_fields = ["name", "network__name"]
    autocomplete_fields = ["network", "leader"]
    inlines = [GroupMembershipInline, GroupTaskInline]
    list_select_related = ["network", "leader"]


@admin.register(GroupMembership)
class GroupMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "group", "joined_at"]
    list_filter = ["group__network"]
    search_fields = ["user__full_name", "group__name"]
    autocomplete_fields = ["user", "group"]
    list_select_related = ["user", "group"]


@admin.register(GroupTask)
class GroupTaskAdmin(admin.ModelAdmin):
    list_display = ["title", "group", "assignee", "due_on", "is_done", "position"]
    list_filter = ["is_done"]
    search_fields = ["title", "group__name", "assignee__full_name"]
    autocomplete_fields = ["group", "assignee"]
    list_select_related = ["group", "assignee"]
