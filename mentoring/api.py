"""/api/v1/mentoring-pairs/ and /api/v1/mentoring-pairs/{id}/meetings/: mentoring pairs
and their meeting logs.

Every endpoint asks mentoring/permissions.py exactly as the pages do: the pairs one may
open (their own; every pair of the networks one organises), the log only for the pair
itself (or the organisers, once both share it; anyone else 404), and changes through
mentoring/actions.py, the verbs the pages call (notices come with them)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.urls import include, path
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from mentoring import actions
from mentoring.models import Meeting, Pair
from mentoring.permissions import (
    REFUSED,
    PairAccess,
    get_pair_for_user,
    get_pair_log,
    get_pairs_organised,
    meetings_readable,
    pairs_visible_to,
)
from networks.api import PersonRef
from ortaq.lib.access import require
from ortaq.lib.api import Conditional
from ortaq.lib.api_router import Router

LARGEST_ID = 2**63 - 1


def user_of(request: Request) -> User:
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


class PairSerializer(serializers.ModelSerializer[Pair]):
    mentor = PersonRef(read_only=True)
    mentee = PersonRef(read_only=True)
    mentor_id = serializers.IntegerField(write_only=True, min_value=1, max_value=LARGEST_ID)
    mentee_id = serializers.IntegerField(write_only=True, min_value=1, max_value=LARGEST_ID)
    network = serializers.IntegerField(source="network_id", min_value=1, max_value=LARGEST_ID)
    log_shared = serializers.BooleanField(read_only=True)

    class Meta:
        model = Pair
        fields = [
            "id",
            "network",
            "mentor",
            "mentee",
            "mentor_id",
            "mentee_id",
            "kind",
            "goals",
            "started_on",
            "quiet_after_days",
            "status",
            "completed_on",
            "summary",
            "last_met_on",
            "log_shared",
        ]
        read_only_fields = ["id", "status", "completed_on", "summary", "last_met_on", "log_shared"]
        extra_kwargs = {"started_on": {"required": False}}


class CompleteIn(serializers.Serializer[Any]):
    summary = serializers.CharField(required=False, allow_blank=True, default="")


@extend_schema_view(
    list=extend_schema(summary="Mentoring pairs you may open: your own, and every pair of the networks you organise"),
    retrieve=extend_schema(summary="A mentoring pair (never its log: see its meetings)"),
    create=extend_schema(summary="Make a mentoring pair (the network's organisers); both are told"),
)
class PairViewSet(
    Conditional,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[Pair],
):
    serializer_class = PairSerializer
    http_method_names = ["get", "post", "head", "options"]
    queryset = Pair.objects.none()
    cursor_ordering = ("pk",)

    def get_queryset(self) -> QuerySet[Pair]:
        return pairs_visible_to(user_of(self.request)).select_related("mentor__school", "mentee__school").order_by("pk")

    def get_object(self) -> Pair:
        return get_pair_for_user(user_of(self.request), number_of(self, "pk")).pair

    def perform_create(self, serializer: serializers.BaseSerializer[Pair]) -> None:
        data = dict(serializer.validated_data)
        user = user_of(self.request)
        access = get_pairs_organised(user, data["network_id"])
        people = User.objects.filter(memberships__network=access.network, is_active=True)
        mentor = people.filter(pk=data["mentor_id"]).first()
        mentee = people.filter(pk=data["mentee_id"]).first()
        if mentor is None or mentee is None:
            raise exceptions.ValidationError({"detail": ["The mentor and the mentee must be members of the network."]})
        try:
            serializer.instance = actions.create_pair(
                access.network,
                mentor=mentor,
                mentee=mentee,
                kind=data.get("kind", Pair.Kind.NEW_TEACHER),
                goals=data.get("goals", ""),
                started_on=data.get("started_on"),
                quiet_after_days=data.get("quiet_after_days", Pair._meta.get_field("quiet_after_days").default),
                by=user,
            )
        except DjangoValidationError as error:
            raise refused(error) from None

    @extend_schema(
        request=CompleteIn, responses=PairSerializer, summary="Complete the mentoring (the pair or an organiser)"
    )
    @action(detail=True, methods=["post"])
    def complete(self, request: Request, pk: str | None = None) -> Response:
        pair_access = get_pair_for_user(user_of(request), number_of(self, "pk"))
        require(pair_access.can_complete, REFUSED)
        incoming = CompleteIn(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            pair = actions.complete_pair(
                pair_access.pair, summary=incoming.validated_data["summary"], by=user_of(request)
            )
        except DjangoValidationError as error:
            raise refused(error) from None
        return Response(PairSerializer(pair).data)


class MeetingSerializer(serializers.ModelSerializer[Meeting]):
    written_by = PersonRef(read_only=True)

    class Meta:
        model = Meeting
        fields = ["id", "met_on", "discussed", "next_steps", "written_by", "created_at"]
        read_only_fields = ["id", "written_by", "created_at"]


@extend_schema_view(
    list=extend_schema(summary="A pair's meeting log (the pair; the organisers only once both share it)"),
    retrieve=extend_schema(summary="A meeting of a pair's log"),
    create=extend_schema(summary="Add a meeting to the log (the mentor or the mentee)"),
)
class MeetingViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet[Meeting]
):
    serializer_class = MeetingSerializer
    http_method_names = ["get", "post", "head", "options"]
    queryset = Meeting.objects.none()
    cursor_ordering = ("-met_on", "-pk")

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        self.pair_access: PairAccess = get_pair_log(user_of(request), number_of(self, "pair_pk"))
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            require(self.pair_access.can_write, REFUSED)

    def get_queryset(self) -> QuerySet[Meeting]:
        return meetings_readable(self.pair_access).select_related("written_by__school")

    def get_object(self) -> Meeting:
        meeting = self.get_queryset().filter(pk=number_of(self, "pk")).first()
        if meeting is None:
            raise exceptions.NotFound
        return meeting

    def perform_create(self, serializer: serializers.BaseSerializer[Meeting]) -> None:
        data = serializer.validated_data
        try:
            serializer.instance = actions.add_meeting(
                self.pair_access.pair,
                met_on=data["met_on"],
                discussed=data["discussed"],
                next_steps=data.get("next_steps", ""),
                by=user_of(self.request),
            )
        except DjangoValidationError as error:
            raise refused(error) from None


router = Router()
router.register("mentoring-pairs", PairViewSet, basename="mentoring-pair")
router.register(r"mentoring-pairs/(?P<pair_pk>[0-9]+)/meetings", MeetingViewSet, basename="mentoring-meeting")

urlpatterns = [path("", include(router.urls))]
