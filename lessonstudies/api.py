"""/api/v1/lesson-studies/: the cycles (list, read, start, change with If-Match), their
research lessons, the observers' notes (a POST is kept once per ``client_id``: the
sheet's offline queue may send it twice) and the research lessons compared.

Every endpoint asks lessonstudies/permissions.py as the pages do — network readers see
that a cycle exists; lessons, notes and the comparison are the team's (404 for anyone
else, the director and the network's leader included) — and writes through
lessonstudies/actions.py."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import include, path
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from lessonstudies import actions
from lessonstudies.comparison import compare
from lessonstudies.models import Cycle, Note, ResearchLesson
from lessonstudies.permissions import (
    REFUSED,
    REFUSED_CREATE,
    cycles_visible_to,
    get_case_pupil,
    get_cycle_for_user,
    get_research_lesson_for_user,
    get_team_cycle,
    may_start_cycle,
    team_cycle_ids,
)
from lessonstudies.progress import progress_of
from networks.api import PersonRef
from networks.models import Group, Network
from networks.permissions import get_network_access
from ortaq.lib.access import require
from ortaq.lib.api import Conditional, refusals
from ortaq.lib.api_router import Router
from subjects.models import Subject


def user_of(request: Request) -> User:
    user: User = request.user
    return user


# --- Cycles -----------------------------------------------------------------------------------


class StepOut(serializers.Serializer[Any]):
    label = serializers.CharField()
    done = serializers.BooleanField()
    url = serializers.CharField()


class CycleSerializer(serializers.ModelSerializer[Cycle]):
    network = serializers.PrimaryKeyRelatedField(queryset=Network.objects.all())
    subject = serializers.PrimaryKeyRelatedField(queryset=Subject.objects.all(), allow_null=True, required=False)
    group = serializers.PrimaryKeyRelatedField(queryset=Group.objects.all(), allow_null=True, required=False)
    leader = PersonRef(read_only=True)
    team = PersonRef(many=True, read_only=True)
    team_ids = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.all(), many=True, write_only=True, required=False, source="team_people"
    )
    published = serializers.BooleanField(source="is_published", read_only=True)

    class Meta:
        model = Cycle
        fields = [
            "id",
            "network",
            "group",
            "theme",
            "question",
            "subject",
            "grade",
            "leader",
            "team",
            "team_ids",
            "published",
            "created_at",
        ]
        read_only_fields = ["id", "leader", "team", "published", "created_at"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        network = attrs.get("network") or getattr(self.instance, "network", None)
        group = attrs.get("group")
        if group is not None and network is not None and group.network_id != network.pk:
            raise serializers.ValidationError({"group": "—"})
        if network is not None and "team_people" in attrs:
            members = set(network.memberships.values_list("user_id", flat=True))
            if any(person.pk not in members for person in attrs["team_people"]):
                raise serializers.ValidationError({"team_ids": "—"})
        return attrs


class CycleDetail(CycleSerializer):
    stage = serializers.SerializerMethodField()
    steps = serializers.SerializerMethodField()

    class Meta(CycleSerializer.Meta):
        fields = [*CycleSerializer.Meta.fields, "stage", "steps"]

    def progress(self, cycle: Cycle) -> Any:
        cache = self.context.setdefault("progress", {})
        if cycle.pk not in cache:
            cache[cycle.pk] = progress_of(cycle, timezone.localdate())
        return cache[cycle.pk]

    def get_stage(self, cycle: Cycle) -> str:
        return str(self.progress(cycle).stage)

    @extend_schema_field(StepOut(many=True))
    def get_steps(self, cycle: Cycle) -> list[dict[str, Any]]:
        if not self.context.get("on_team"):
            return []
        return list(StepOut(self.progress(cycle).steps, many=True).data)


class CellOut(serializers.Serializer[Any]):
    activity = serializers.CharField(source="activity.title")
    prediction = serializers.CharField()
    observed = serializers.CharField()
    notes = serializers.SerializerMethodField()

    def get_notes(self, cell: Any) -> list[str]:
        return [note.text for note in cell.notes]


class ComparedRowOut(serializers.Serializer[Any]):
    order = serializers.IntegerField()
    pupil = serializers.CharField(source="pupil.code")
    cells = CellOut(many=True, allow_null=True)


@extend_schema_view(
    list=extend_schema(summary="The Lesson Studies of the networks you read"),
    retrieve=extend_schema(summary="A Lesson Study: its team and stage (its steps for the team)"),
    create=extend_schema(summary="Start a Lesson Study (a member of the network; you lead it)"),
    partial_update=extend_schema(summary="Change a Lesson Study (its team; If-Match)"),
)
class CycleViewSet(
    Conditional,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Cycle],
):
    http_method_names = ["get", "post", "patch", "head", "options"]
    queryset = Cycle.objects.none()
    cursor_ordering = ("-created_at", "-pk")

    def get_serializer_class(self) -> type[serializers.BaseSerializer[Cycle]]:
        return CycleSerializer if self.action == "list" else CycleDetail

    def get_queryset(self) -> QuerySet[Cycle]:
        cycles = (
            cycles_visible_to(user_of(self.request)).select_related("leader__school").prefetch_related("team__school")
        )
        network = self.request.query_params.get("network", "")
        return cycles.filter(network=int(network)) if network.isdigit() and len(network) < 18 else cycles

    def get_object(self) -> Cycle:
        pk = self.kwargs["pk"]
        cycle_access = get_cycle_for_user(user_of(self.request), int(pk))
        self.cycle_access = cycle_access
        if self.request.method not in ("GET", "HEAD", "OPTIONS"):
            require(cycle_access.can_edit, REFUSED)
        return get_object_or_404(self.get_queryset(), pk=cycle_access.cycle.pk)

    def get_serializer_context(self) -> dict[str, Any]:
        context: dict[str, Any] = super().get_serializer_context()
        if "pk" in self.kwargs:
            context["on_team"] = get_cycle_for_user(user_of(self.request), int(self.kwargs["pk"])).on_team
        return context

    def perform_create(self, serializer: serializers.BaseSerializer[Cycle]) -> None:
        data = dict(serializer.validated_data)
        user = user_of(self.request)
        try:
            access = get_network_access(user, data["network"].pk)
        except Http404:
            raise Http404 from None
        require(may_start_cycle(access), REFUSED_CREATE)
        serializer.instance = actions.start_cycle(
            access.network,
            by=user,
            theme=data["theme"],
            question=data["question"],
            grade=data["grade"],
            subject=data.get("subject"),
            group=data.get("group"),
            team=data.get("team_people", []),
        )

    def perform_update(self, serializer: serializers.BaseSerializer[Cycle]) -> None:
        cycle = serializer.instance
        assert isinstance(cycle, Cycle)
        data = dict(serializer.validated_data)
        data.pop("network", None)
        with refusals():
            actions.save_cycle(
                cycle,
                version=None,
                by=user_of(self.request),
                theme=data.get("theme", cycle.theme),
                question=data.get("question", cycle.question),
                grade=data.get("grade", cycle.grade),
                subject=data.get("subject", cycle.subject),
                group=data.get("group", cycle.group),
                leader=cycle.leader,
                team=data.get("team_people", list(cycle.team.all())),
            )
        serializer.instance = self.get_object()

    @extend_schema(summary="The research lessons compared, per case pupil and activity (the team)")
    @action(detail=True, methods=["get"], serializer_class=ComparedRowOut, pagination_class=None)
    def comparison(self, request: Request, pk: str) -> Response:
        cycle = get_team_cycle(user_of(request), int(pk)).cycle
        return Response(ComparedRowOut(compare(cycle).rows, many=True).data)


# --- Research lessons and notes -----------------------------------------------------------------


class ResearchLessonSerializer(serializers.ModelSerializer[ResearchLesson]):
    teacher = PersonRef(read_only=True)

    class Meta:
        model = ResearchLesson
        fields = ["id", "cycle", "number", "teacher", "date", "school", "class_name", "lesson"]
        read_only_fields = fields


@extend_schema_view(
    list=extend_schema(summary="The research lessons of your Lesson Study teams"),
    retrieve=extend_schema(summary="A research lesson (its team only)"),
)
class ResearchLessonViewSet(
    Conditional, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[ResearchLesson]
):
    serializer_class = ResearchLessonSerializer
    http_method_names = ["get", "head", "options"]
    queryset = ResearchLesson.objects.none()
    cursor_ordering = ("cycle_id", "number")

    def get_queryset(self) -> QuerySet[ResearchLesson]:
        return ResearchLesson.objects.filter(cycle__in=team_cycle_ids(user_of(self.request))).select_related(
            "teacher__school"
        )

    def get_object(self) -> ResearchLesson:
        return get_research_lesson_for_user(user_of(self.request), int(self.kwargs["pk"])).research_lesson


class NoteSerializer(serializers.ModelSerializer[Note]):
    pupil_code = serializers.CharField(source="pupil.code", read_only=True)

    class Meta:
        model = Note
        fields = [
            "id",
            "research_lesson",
            "pupil",
            "pupil_code",
            "activity",
            "noted_at",
            "text",
            "seat_x",
            "seat_y",
            "client_id",
            "observer",
        ]
        read_only_fields = ["id", "observer", "pupil_code"]
        extra_kwargs = {
            "research_lesson": {"queryset": ResearchLesson.objects.all()},
            "client_id": {"validators": [], "required": False},
            "noted_at": {"required": False},
        }


@extend_schema_view(
    list=extend_schema(summary="The notes of your Lesson Study teams' research lessons"),
    create=extend_schema(
        summary="Keep an observer's note; the same client_id sent again gives back the note kept (200)"
    ),
)
class NoteViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet[Note]):
    serializer_class = NoteSerializer
    http_method_names = ["get", "post", "head", "options"]
    queryset = Note.objects.none()
    cursor_ordering = ("noted_at", "pk")

    def get_queryset(self) -> QuerySet[Note]:
        notes = Note.objects.filter(research_lesson__cycle__in=team_cycle_ids(user_of(self.request))).select_related(
            "pupil"
        )
        lesson = self.request.query_params.get("research_lesson", "")
        return notes.filter(research_lesson=int(lesson)) if lesson.isdigit() and len(lesson) < 18 else notes

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        user = user_of(request)
        lesson_access = get_research_lesson_for_user(user, data["research_lesson"].pk)
        pupil = get_case_pupil(lesson_access, data["pupil"].pk)
        activity = data.get("activity")
        if activity is not None and activity.plan.research_lesson_id != lesson_access.research_lesson.pk:
            activity = None
        seat = (
            (data["seat_x"], data["seat_y"])
            if data.get("seat_x") is not None and data.get("seat_y") is not None
            else None
        )
        note, created = actions.add_note(
            lesson_access.research_lesson,
            observer=user,
            pupil=pupil,
            text=data["text"],
            client_id=data.get("client_id"),
            activity=activity,
            noted_at=data.get("noted_at"),
            seat=seat,
        )
        return Response(
            self.get_serializer(note).data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )


router = Router()
router.register("lesson-studies/lessons", ResearchLessonViewSet, basename="lessonstudy-lesson")
router.register("lesson-studies/notes", NoteViewSet, basename="lessonstudy-note")
router.register("lesson-studies", CycleViewSet, basename="lessonstudy")

urlpatterns = [path("", include(router.urls))]
