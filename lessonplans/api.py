"""/api/v1/lesson-series/ and /api/v1/lesson-series/{id}/lessons/: medium-term plans and
their short-term lesson plans (with their stages), and each as a DOCX.

Every endpoint asks lessonplans/permissions.py exactly as the pages do (outsiders 404,
readers 403 on a change, lists from ``visible_to``) and changes things through
lessonplans/actions.py, the same verbs the pages call: a change carries the ``version``
read (409 when someone saved since) or an ``If-Match`` tag (412)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import include, path, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request

from accounts.models import User
from lessonplans import actions, documents
from lessonplans.models import LessonPlan, Module, Series, Stage, validate_objective_codes
from lessonplans.permissions import (
    REFUSED,
    REFUSED_CREATE,
    get_series_for_user,
    groups_for,
    may_start_series,
)
from networks.api import PersonRef
from networks.models import Network
from networks.permissions import get_network_access
from ortaq.lib.access import require
from ortaq.lib.api import Conditional, refusals
from ortaq.lib.api_router import Router
from subjects.models import Subject

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def user_of(request: Request) -> User:
    user: User = request.user
    return user


def number_of(view: Any, name: str) -> int:
    from rest_framework.exceptions import NotFound

    value = str(view.kwargs.get(name, ""))
    if not value.isdigit() or int(value) > 2**63 - 1:
        raise NotFound
    return int(value)


def docx_response(series: Series, lesson: LessonPlan | None) -> HttpResponse:
    lessons = (
        [LessonPlan.objects.select_related("teacher").prefetch_related("stages").get(pk=lesson.pk)]
        if lesson is not None
        else actions.lessons_of(series)
    )
    content = documents.lessons_docx(series, lessons, translation.get_language() or "kk")
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = "attachment; filename=lessons.docx"
    return response


# --- Series ----------------------------------------------------------------------------------------


class SeriesSerializer(serializers.ModelSerializer[Series]):
    network = serializers.PrimaryKeyRelatedField(queryset=Network.objects.all())
    subject = serializers.SlugRelatedField(slug_field="code", queryset=Subject.objects.all())
    modules = serializers.ListField(child=serializers.ChoiceField(choices=Module.choices), required=False)
    authors = PersonRef(many=True, read_only=True)
    author_ids = serializers.ListField(
        child=serializers.IntegerField(), write_only=True, required=False, help_text="Ids of the network's members."
    )
    lesson_count = serializers.IntegerField(read_only=True, default=0)
    version = serializers.IntegerField(required=False, help_text="The version read; a change to an older one is 409.")
    docx = serializers.SerializerMethodField()

    class Meta:
        model = Series
        fields = [
            "id",
            "network",
            "group",
            "subject",
            "grade",
            "title",
            "unit",
            "modules",
            "description",
            "language",
            "status",
            "published_at",
            "collection",
            "authors",
            "author_ids",
            "lesson_count",
            "version",
            "docx",
        ]
        read_only_fields = ["id", "status", "published_at", "collection"]
        # Not the model's «developing group»: a label the same as a group's name
        # («Дамытушы топ») would read as the group itself in OPTIONS.
        extra_kwargs = {"group": {"label": gettext_lazy("group"), "help_text": "One of the network's groups."}}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance is not None and not isinstance(self.instance, list | QuerySet):
            self.fields["network"].read_only = True

    @extend_schema_field(OpenApiTypes.URI)
    def get_docx(self, series: Series) -> str:
        return reverse("api:lesson-series-docx", args=[series.pk])

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        network = attrs.get("network") or getattr(self.instance, "network", None)
        group = attrs.get("group")
        if group is not None and network is not None and group.network_id != network.pk:
            raise serializers.ValidationError({"group": "Choose one of the network's groups."})
        return attrs


def authors_from(network: Network, ids: list[int]) -> list[User]:
    people = list(User.objects.filter(pk__in=ids, memberships__network=network, is_active=True).distinct())
    if len(people) != len(set(ids)):
        raise serializers.ValidationError({"author_ids": "Authors are members of the network."})
    return people


@extend_schema_view(
    list=extend_schema(
        summary="Medium-term plans (series of sequenced lessons) you may open",
        parameters=[
            OpenApiParameter("network", int),
            OpenApiParameter("subject", str, description="A subject's code."),
            OpenApiParameter("grade", int),
            OpenApiParameter("group", int),
        ],
    ),
    retrieve=extend_schema(summary="A medium-term plan"),
    create=extend_schema(summary="Start a medium-term plan (a member of the network)"),
    partial_update=extend_schema(summary="Change a medium-term plan (its authors and group)"),
)
class SeriesViewSet(
    Conditional,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Series],
):
    serializer_class = SeriesSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    queryset = Series.objects.none()

    def get_queryset(self) -> QuerySet[Series]:
        series = (
            Series.objects.visible_to(user_of(self.request))
            .select_related("subject")
            .prefetch_related("authors__school")
            .annotate(lesson_count=Count("lessons"))
            .order_by("pk")
        )
        params = self.request.query_params
        for name in ("network", "grade", "group"):
            value = str(params.get(name, ""))
            if value.isdigit():
                series = series.filter(**{f"{name}_id" if name != "grade" else name: int(value)})
        if params.get("subject"):
            series = series.filter(subject__code=str(params["subject"]))
        return series

    def get_object(self) -> Series:
        series_access = get_series_for_user(user_of(self.request), number_of(self, "pk"))
        if self.request.method not in ("GET", "HEAD", "OPTIONS"):
            require(series_access.can_edit, REFUSED)
        return get_object_or_404(self.get_queryset(), pk=series_access.series.pk)

    def perform_create(self, serializer: serializers.BaseSerializer[Series]) -> None:
        user = user_of(self.request)
        data = dict(serializer.validated_data)
        network = data.pop("network")
        access = get_network_access(user, network.pk)
        require(may_start_series(access), REFUSED_CREATE)
        if data.get("group") is not None and not groups_for(access, user).filter(pk=data["group"].pk).exists():
            raise serializers.ValidationError({"group": "Choose one of your groups."})
        authors = authors_from(network, data.pop("author_ids", []))
        data.pop("version", None)
        with refusals():
            series = actions.start_series(
                network, by=user, authors=authors, **{k: v for k, v in data.items() if k in actions.SERIES_FIELDS}
            )
        serializer.instance = self.get_queryset().get(pk=series.pk)

    def perform_update(self, serializer: serializers.BaseSerializer[Series]) -> None:
        series = serializer.instance
        assert isinstance(series, Series)
        data = dict(serializer.validated_data)
        opened = data.pop("version", None)
        ids = data.pop("author_ids", None)
        authors = list(series.authors.all()) if ids is None else authors_from(series.network, ids)
        with refusals():
            actions.save_series(
                series,
                version=opened,
                by=user_of(self.request),
                authors=authors,
                **{k: v for k, v in data.items() if k in actions.SERIES_FIELDS},
            )
        serializer.instance = self.get_queryset().get(pk=series.pk)

    @extend_schema(
        summary="The medium-term plan as a DOCX, a lesson a page (in the language asked for)",
        responses={(200, DOCX): OpenApiResponse(OpenApiTypes.BINARY)},
    )
    @action(detail=True, methods=["get"], url_path="docx")
    def docx(self, request: Request, pk: str) -> HttpResponse:
        series_access = get_series_for_user(user_of(request), number_of(self, "pk"))
        return docx_response(series_access.series, None)


# --- Lessons ---------------------------------------------------------------------------------------


class StageSerializer(serializers.ModelSerializer[Stage]):
    class Meta:
        model = Stage
        fields = ["part", "minutes", "teacher_actions", "pupil_actions", "assessment", "resources"]


class LessonSerializer(serializers.ModelSerializer[LessonPlan]):
    objective_codes = serializers.ListField(child=serializers.CharField(max_length=32), required=False)
    stages = StageSerializer(many=True, required=False, help_text="The stages in order; sent, they replace all.")
    teacher = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), allow_null=True, required=False)
    version = serializers.IntegerField(required=False, help_text="The version read; a change to an older one is 409.")
    docx = serializers.SerializerMethodField()

    class Meta:
        model = LessonPlan
        fields = [
            "id",
            "order",
            "topic",
            "date",
            "teacher",
            "class_name",
            "present",
            "absent",
            "objective_codes",
            "objectives",
            "success_criteria",
            "values",
            "assessment",
            "differentiation",
            "resources",
            "reflection",
            "stages",
            "version",
            "docx",
        ]
        read_only_fields = ["id", "order"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_docx(self, lesson: LessonPlan) -> str:
        return reverse("api:lesson-plan-docx", args=[lesson.series_id, lesson.pk])

    def validate_objective_codes(self, codes: list[str]) -> list[str]:
        from django.core.exceptions import ValidationError

        try:
            validate_objective_codes(codes)
        except ValidationError as error:
            raise serializers.ValidationError(error.messages) from None
        return codes


@extend_schema_view(
    list=extend_schema(summary="The lessons of a medium-term plan: each a short-term plan with its stages"),
    retrieve=extend_schema(summary="A short-term plan"),
    create=extend_schema(summary="Add a lesson at the end of the series (its authors and group)"),
    partial_update=extend_schema(summary="Change a short-term plan and, when sent, its stages"),
)
class LessonViewSet(
    Conditional,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[LessonPlan],
):
    serializer_class = LessonSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    queryset = LessonPlan.objects.none()

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        self.series_access = get_series_for_user(user_of(request), number_of(self, "series_pk"))
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            require(self.series_access.can_edit, REFUSED)
        super().initial(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[LessonPlan]:
        return (
            LessonPlan.objects.filter(series=self.series_access.series)
            .prefetch_related("stages")
            .order_by("order", "pk")
        )

    def get_object(self) -> LessonPlan:
        return get_object_or_404(self.get_queryset(), pk=number_of(self, "pk"))

    def perform_create(self, serializer: serializers.BaseSerializer[LessonPlan]) -> None:
        user = user_of(self.request)
        data = dict(serializer.validated_data)
        data.pop("version", None)
        stages = data.pop("stages", None)
        with refusals():
            lesson = actions.add_lesson(self.series_access.series, topic=data.pop("topic"), by=user)
            if data or stages is not None:
                actions.save_lesson(
                    lesson,
                    version=None,
                    by=user,
                    stages=stages,
                    **{k: v for k, v in data.items() if k in actions.LESSON_FIELDS},
                )
        serializer.instance = self.get_queryset().get(pk=lesson.pk)

    def perform_update(self, serializer: serializers.BaseSerializer[LessonPlan]) -> None:
        lesson = serializer.instance
        assert isinstance(lesson, LessonPlan)
        data = dict(serializer.validated_data)
        opened = data.pop("version", None)
        stages = data.pop("stages", None)
        with refusals():
            actions.save_lesson(
                lesson,
                version=opened,
                by=user_of(self.request),
                stages=stages,
                **{k: v for k, v in data.items() if k in actions.LESSON_FIELDS},
            )
        serializer.instance = self.get_queryset().get(pk=lesson.pk)

    @extend_schema(
        summary="The short-term plan as a DOCX (in the language asked for)",
        responses={(200, DOCX): OpenApiResponse(OpenApiTypes.BINARY)},
    )
    @action(detail=True, methods=["get"], url_path="docx")
    def docx(self, request: Request, series_pk: str, pk: str) -> HttpResponse:
        lesson = self.get_object()
        return docx_response(self.series_access.series, lesson)


router = Router()
router.register("lesson-series", SeriesViewSet, basename="lesson-series")
router.register(r"lesson-series/(?P<series_pk>[0-9]+)/lessons", LessonViewSet, basename="lesson-plan")

urlpatterns = [path("", include(router.urls))]
