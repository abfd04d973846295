"""/api/v1/diary-entries/ and /api/v1/diary-shared/: my diary entries (read, write,
change with the version read, delete) and the entries shared with me (read).

Every endpoint asks diaries/permissions.py as the pages do: an entry is its author's,
and read by the companions it is shared with; anyone else gets 404 — whatever their
role — and a companion who tries to change it 403."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.urls import include, path
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status, viewsets

from accounts.models import User
from diaries import actions
from diaries.models import Entry
from diaries.permissions import get_entry_for_user, get_own_entry
from networks.api import PersonRef
from ortaq.lib.api import Conditional
from ortaq.lib.api_router import Router
from ortaq.lib.editing import StaleEdit

LARGEST_ID = 2**63 - 1


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = gettext_lazy("Someone changed this after you read it: read it again and repeat your change.")


def user_of(request: Any) -> User:
    user: User = request.user
    return user


def number_of(view: Any, name: str) -> int:
    try:
        number = int(view.kwargs[name])
    except (KeyError, ValueError):
        raise exceptions.NotFound from None
    if number > LARGEST_ID:
        raise exceptions.NotFound
    return number


def refused(error: DjangoValidationError) -> exceptions.ValidationError:
    return exceptions.ValidationError(
        error.message_dict if hasattr(error, "error_dict") else {"detail": error.messages}
    )


class EntrySerializer(serializers.ModelSerializer[Entry]):
    version = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=2**31 - 1,
        help_text="The version read; a change to an older one is refused with 409.",
    )
    shared_with = serializers.SerializerMethodField()

    class Meta:
        model = Entry
        fields = [
            "id",
            "written_on",
            "tried",
            "pupils",
            "next_steps",
            "event",
            "lesson",
            "network",
            "version",
            "shared_with",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "event", "lesson", "network", "shared_with", "created_at", "updated_at"]

    def get_shared_with(self, entry: Entry) -> list[int]:
        return [share.shared_with_id for share in entry.shares.all()]


@extend_schema_view(
    list=extend_schema(summary="My diary entries, newest first (only mine)"),
    retrieve=extend_schema(summary="One of my diary entries"),
    create=extend_schema(summary="Write a diary entry (private)"),
    partial_update=extend_schema(summary="Change one of my diary entries"),
    destroy=extend_schema(summary="Delete one of my diary entries"),
)
class EntryViewSet(
    Conditional,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet[Entry],
):
    serializer_class = EntrySerializer
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    queryset = Entry.objects.none()
    cursor_ordering = ("-written_on", "-pk")

    def get_queryset(self) -> QuerySet[Entry]:
        return Entry.objects.filter(author=user_of(self.request)).prefetch_related("shares")

    def get_object(self) -> Entry:
        user = user_of(self.request)
        pk = number_of(self, "pk")
        if self.request.method in ("GET", "HEAD", "OPTIONS"):
            entry = get_entry_for_user(user, pk).entry
            if entry.author_id != user.pk:
                raise exceptions.NotFound  # a shared entry is read at /diary-shared/
        else:
            entry = get_own_entry(user, pk).entry
        return self.get_queryset().get(pk=entry.pk)

    def perform_create(self, serializer: serializers.BaseSerializer[Entry]) -> None:
        data = serializer.validated_data
        try:
            serializer.instance = actions.write_entry(
                user_of(self.request),
                written_on=data["written_on"],
                tried=data.get("tried", ""),
                pupils=data.get("pupils", ""),
                next_steps=data.get("next_steps", ""),
            )
        except DjangoValidationError as error:
            raise refused(error) from None

    def perform_update(self, serializer: serializers.BaseSerializer[Entry]) -> None:
        entry = serializer.instance
        assert isinstance(entry, Entry)
        data = serializer.validated_data
        try:
            actions.save_entry(
                entry,
                version=data.get("version"),
                written_on=data.get("written_on", entry.written_on),
                tried=data.get("tried", entry.tried),
                pupils=data.get("pupils", entry.pupils),
                next_steps=data.get("next_steps", entry.next_steps),
            )
        except StaleEdit:
            raise Conflict from None
        except DjangoValidationError as error:
            raise refused(error) from None
        serializer.instance = self.get_queryset().get(pk=entry.pk)

    def perform_destroy(self, instance: Entry) -> None:
        actions.delete_entry(instance)


class SharedEntrySerializer(serializers.ModelSerializer[Entry]):
    author = PersonRef(read_only=True)

    class Meta:
        model = Entry
        fields = ["id", "author", "written_on", "tried", "pupils", "next_steps", "event", "lesson", "updated_at"]
        read_only_fields = fields


@extend_schema_view(
    list=extend_schema(summary="Diary entries shared with me (as a coach or mentor)"),
    retrieve=extend_schema(summary="A diary entry shared with me"),
)
class SharedEntryViewSet(Conditional, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Entry]):
    serializer_class = SharedEntrySerializer
    http_method_names = ["get", "head", "options"]
    queryset = Entry.objects.none()
    cursor_ordering = ("-written_on", "-pk")

    def get_queryset(self) -> QuerySet[Entry]:
        return Entry.objects.shared_with(user_of(self.request)).select_related("author__school")

    def get_object(self) -> Entry:
        entry = self.get_queryset().filter(pk=number_of(self, "pk")).first()
        if entry is None:
            raise exceptions.NotFound
        return entry


router = Router()
router.register("diary-entries", EntryViewSet, basename="diary-entry")
router.register("diary-shared", SharedEntryViewSet, basename="diary-shared")

urlpatterns = [path("", include(router.urls))]
