from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group as AuthGroup
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts import throttle
from accounts.models import Certification, SignInThrottle, User
from ortaq.lib.collation import kazakh_ordering

# Permissions come from network roles (networks/permissions.py), not Django's groups.
admin.site.unregister(AuthGroup)


class CertificationInline(admin.TabularInline):
    model = Certification
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = kazakh_ordering("full_name")
    list_display = ["full_name", "email", "school", "position", "category", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff", "position", "category", "language"]
    search_fields = ["full_name", "email", "school__name"]
    autocomplete_fields = ["school"]
    filter_horizontal = ["subjects", "user_permissions"]
    list_select_related = ["school"]
    inlines = [CertificationInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Profile"), {"fields": ("full_name", "school", "position", "subjects", "category", "language")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "user_permissions")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),)


@admin.register(Certification)
class CertificationAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "level", "year"]
    list_filter = ["kind", "level", "year"]
    search_fields = ["user__full_name", "user__email", "title"]
    autocomplete_fields = ["user"]
    list_select_related = ["user"]


@admin.register(SignInThrottle)
class SignInThrottleAdmin(admin.ModelAdmin[SignInThrottle]):
    """Accounts and addresses whose sign-in is waiting after too many wrong passwords."""

    list_display = ["kind", "key", "failures", "counting_since", "locked_until"]
    list_filter = ["kind", ("locked_until", admin.EmptyFieldListFilter)]
    search_fields = ["key"]
    ordering = ["-locked_until", "-counting_since"]
    actions = ["unlock"]

    @admin.action(description=_("Unlock: let them sign in again"))
    def unlock(self, request: HttpRequest, queryset: QuerySet[SignInThrottle]) -> None:
        count = throttle.unlock(queryset)
        self.message_user(request, _("Unlocked: %(count)s.") % {"count": count})
