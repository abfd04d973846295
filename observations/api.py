"""/api/v1/: open lessons, the observation forms of a network, each observer's own
observation (a draft, then submitted) and the feedback combined from them.

Every endpoint asks observations/permissions.py as the pages do: outsiders 404,
read-only members 403, and who organises a lesson — reads every observation and
releases them — is what holds it says (observations/holders.py). Writes are the
observations/actions.py verbs: the version check and the teacher's notice come with
them."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import include, path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.api import SchoolRef
from networks.api import PersonRef, network_pk, user_of
from networks.permissions import get_network_access
from observations import actions
from observations.forms import LessonForm
from observations.models import Criterion, CriterionLevel, Feedback, Lesson, Observation, ObservationForm
from observations.permissions import REFUSED, LessonAccess, get_forms_network, get_lesson_for_user, lessons_visible_to
from ortaq.lib.access import require
from ortaq.lib.api import Conditional, absolute, refusals, tagged
from ortaq.lib.api_router import ID, Router
from subjects.models import Subject

NOT_MODIFIED = OpenApiResponse(description="Not modified: the client holds this version (If-None-Match)")


def lesson_pk(view: Any) -> int:
    return int(view.kwargs["lesson_pk"])


# --- Lessons ----------------------------------------------------------------------------------


class SubjectRef(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True, help_text="In the language of Accept-Language.")

    class Meta:
        model = Subject
        fields = ["id", "name"]


class LessonOut(serializers.ModelSerializer):
    teacher = PersonRef(read_only=True)
    school = SchoolRef(read_only=True, allow_null=True)
    subject = SubjectRef(read_only=True, allow_null=True)
    plan_file = serializers.SerializerMethodField(help_text="The lesson plan's file, for the lesson's readers.")
    url = serializers.SerializerMethodField(help_text="The lesson's page.")

    class Meta:
        model = Lesson
        # What the page's form sets, with the lesson's network, plan file and page.
        fields = ["id", "network", *LessonForm.Meta.fields, "plan_file", "url", "created_at"]
        read_only_fields = fields

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_plan_file(self, lesson: Lesson) -> str | None:
        if not lesson.plan_file:
            return None
        return absolute(self.context.get("request"), f"{lesson.get_absolute_url()}plan/")

    def get_url(self, lesson: Lesson) -> str:
        return absolute(self.context.get("request"), lesson.get_absolute_url())


def lesson_rows(lessons: QuerySet[Lesson]) -> QuerySet[Lesson]:
    """What ``LessonOut`` reads, in the queries of one page."""
    return lessons.select_related("teacher__school", "school", "subject")


class HolderOut(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.URLField()
    day = serializers.DateField(allow_null=True)


class LessonDetail(LessonOut):
    held_by = serializers.SerializerMethodField(help_text="What holds the lesson (an event today).")
    can_organise = serializers.SerializerMethodField(
        help_text="Whether you organise it: read every observation and release them."
    )
    may_observe = serializers.SerializerMethodField()
    observers = serializers.IntegerField(read_only=True, help_text="Observations submitted.")
    my_observation = serializers.SerializerMethodField()

    class Meta(LessonOut.Meta):
        fields = [*LessonOut.Meta.fields, "held_by", "can_organise", "may_observe", "observers", "my_observation"]
        read_only_fields = fields

    def access(self) -> LessonAccess:
        access: LessonAccess = self.context["lesson_access"]
        return access

    @extend_schema_field(HolderOut)
    def get_held_by(self, lesson: Lesson) -> dict[str, Any]:
        holder = self.access().holder
        return {"title": holder.title, "url": absolute(self.context.get("request"), holder.url), "day": holder.day}

    def get_can_organise(self, lesson: Lesson) -> bool:
        return self.access().can_organise

    def get_may_observe(self, lesson: Lesson) -> bool:
        return self.access().may_observe

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_my_observation(self, lesson: Lesson) -> int | None:
        mine: int | None = lesson.observations.filter(observer=self.access().user).values_list("pk", flat=True).first()
        return mine


class CriterionSummaryOut(serializers.Serializer):
    class LevelShare(serializers.Serializer):
        score = serializers.IntegerField()
        descriptor = serializers.CharField()
        count = serializers.IntegerField(help_text="Observers who chose this level.")
        share = serializers.FloatField(help_text="Their share, in per cent.")

    criterion = serializers.IntegerField(source="criterion.pk")
    title = serializers.CharField(source="criterion.title")
    count = serializers.IntegerField()
    average = serializers.FloatField(allow_null=True)
    levels = serializers.SerializerMethodField()

    @extend_schema_field(LevelShare(many=True))
    def get_levels(self, summary: Any) -> list[dict[str, Any]]:
        return [
            {"score": score, "descriptor": descriptor, "count": count, "share": share}
            for score, descriptor, count, share in summary.distribution
        ]


class FeedbackOut(serializers.Serializer):
    released_only = serializers.BooleanField(
        help_text="True for the teacher: only the observations released to them count."
    )
    observers = serializers.IntegerField()
    held_back = serializers.IntegerField(help_text="For the teacher: observations submitted but not released yet.")
    criteria = CriterionSummaryOut(many=True)
    what_worked = serializers.ListField(child=serializers.CharField())
    what_to_develop = serializers.ListField(child=serializers.CharField())
    comments = serializers.ListField(child=serializers.CharField())


class ReleaseIn(serializers.Serializer):
    observation = serializers.IntegerField(
        required=False, min_value=1, help_text="One observation to release; all submitted ones when left out."
    )


class ReleasedOut(serializers.Serializer):
    released = serializers.IntegerField(help_text="How many observations the teacher may now read.")


@extend_schema_view(
    list=extend_schema(summary="The network's open lessons"),
)
class NetworkLessonViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = LessonOut
    queryset = Lesson.objects.none()

    def get_queryset(self) -> QuerySet[Lesson]:
        network = get_network_access(user_of(self.request), network_pk(self)).network
        return lesson_rows(lessons_visible_to(user_of(self.request)).filter(network=network))


@extend_schema_view(
    retrieve=extend_schema(
        summary="An open lesson, with what holds it", responses={200: LessonDetail, 304: NOT_MODIFIED}
    ),
)
class LessonViewSet(Conditional, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = LessonDetail
    queryset = Lesson.objects.none()

    def lesson_access(self) -> LessonAccess:
        return get_lesson_for_user(user_of(self.request), int(self.kwargs["pk"]))

    def get_object(self) -> Lesson:
        access = self.lesson_access()
        self.access = access
        return (
            lesson_rows(Lesson.objects.filter(pk=access.lesson.pk))
            .annotate(observers=Count("observations", filter=Q(observations__submitted_at__isnull=False)))
            .get()
        )

    def get_serializer_context(self) -> dict[str, Any]:
        context: dict[str, Any] = super().get_serializer_context()
        if hasattr(self, "access"):
            context["lesson_access"] = self.access
        return context

    @extend_schema(
        summary="The lesson's feedback combined (its organisers; the teacher, what was released)",
        responses={200: FeedbackOut, 304: NOT_MODIFIED},
    )
    @action(detail=True, methods=["get"])
    def feedback(self, request: Request, pk: str) -> Response:
        access = self.lesson_access()
        require(access.may_read_feedback, REFUSED)
        feedback: Feedback = access.lesson.feedback(for_teacher=access.feedback_for_teacher)
        data = FeedbackOut({**vars(feedback), "released_only": access.feedback_for_teacher}).data
        return tagged(request, Response(data))

    @extend_schema(
        summary="Release submitted observations to the teacher (the lesson's organisers)",
        request=ReleaseIn,
        responses=ReleasedOut,
    )
    @action(detail=True, methods=["post"])
    def release(self, request: Request, pk: str) -> Response:
        access = self.lesson_access()
        require(access.can_organise, REFUSED)
        incoming = ReleaseIn(data=request.data)
        incoming.is_valid(raise_exception=True)
        one = None
        if "observation" in incoming.validated_data:
            one = get_object_or_404(Observation, pk=incoming.validated_data["observation"], lesson=access.lesson)
        released = actions.release_observations(access.lesson, by=user_of(request), observation=one)
        return Response(ReleasedOut({"released": released}).data)


# --- Observation forms ------------------------------------------------------------------------


class LevelOut(serializers.ModelSerializer):
    class Meta:
        model = CriterionLevel
        fields = ["score", "descriptor"]


class CriterionOut(serializers.ModelSerializer):
    levels = LevelOut(many=True, read_only=True)

    class Meta:
        model = Criterion
        fields = ["id", "position", "title", "description", "levels"]


class ObservationFormOut(serializers.ModelSerializer):
    criteria = CriterionOut(many=True, read_only=True)

    class Meta:
        model = ObservationForm
        fields = ["id", "name", "description", "criteria", "created_at"]


@extend_schema_view(
    list=extend_schema(summary="The network's observation forms, with their criteria and levels"),
    retrieve=extend_schema(summary="An observation form", responses={200: ObservationFormOut, 304: NOT_MODIFIED}),
)
class ObservationFormViewSet(Conditional, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ObservationFormOut
    queryset = ObservationForm.objects.none()

    def get_queryset(self) -> QuerySet[ObservationForm]:
        network = get_forms_network(user_of(self.request), network_pk(self)).network
        return ObservationForm.objects.filter(network=network).prefetch_related("criteria__levels")


# --- Observations -----------------------------------------------------------------------------


class ScoreIO(serializers.Serializer):
    criterion = serializers.IntegerField(min_value=1)
    score = serializers.IntegerField(min_value=1, max_value=10, help_text="One of the criterion's levels.")


class ObservationOut(serializers.ModelSerializer):
    observer = PersonRef(read_only=True)
    scores = serializers.SerializerMethodField()
    is_submitted = serializers.BooleanField(read_only=True)

    class Meta:
        model = Observation
        fields = [
            "id",
            "lesson",
            "observer",
            "scores",
            "what_worked",
            "what_to_develop",
            "comments",
            "is_submitted",
            "submitted_at",
            "released_at",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(ScoreIO(many=True))
    def get_scores(self, observation: Observation) -> list[dict[str, int]]:
        return [{"criterion": s.criterion_id, "score": s.score} for s in observation.scores.all()]


class ObservationIn(serializers.Serializer):
    scores = ScoreIO(many=True, required=False, help_text="A level for each criterion; leave some out in a draft.")
    what_worked = serializers.CharField(required=False, allow_blank=True)
    what_to_develop = serializers.CharField(required=False, allow_blank=True)
    comments = serializers.CharField(required=False, allow_blank=True)


class NewObservationIn(ObservationIn):
    submit = serializers.BooleanField(default=False, help_text="Submit at once instead of keeping a draft.")


class ObservationChangeIn(ObservationIn):
    version = serializers.IntegerField(
        required=False, min_value=0, help_text="The version read; a change to an older one is refused with 409."
    )


class SubmitIn(serializers.Serializer):
    version = serializers.IntegerField(
        required=False, min_value=0, help_text="The version read; a submission of an older one is refused with 409."
    )


def draft(changes: dict[str, Any], saved: Observation | None = None) -> dict[str, Any]:
    """What the observer's form holds after these changes: what they send, the rest as
    saved (or empty, before the first draft)."""
    if "scores" in changes:
        scores = {row["criterion"]: row["score"] for row in changes["scores"]}
    else:
        scores = {s.criterion_id: s.score for s in saved.scores.all()} if saved else {}
    texts = ("what_worked", "what_to_develop", "comments")
    return {"scores": scores, **{name: changes.get(name, getattr(saved, name) if saved else "") for name in texts}}


@extend_schema_view(
    list=extend_schema(summary="The lesson's observations you may read (its organisers: all; others: their own)"),
    retrieve=extend_schema(summary="An observation", responses={200: ObservationOut, 304: NOT_MODIFIED}),
    create=extend_schema(summary="Observe the lesson: your draft, or submitted at once", request=NewObservationIn),
    partial_update=extend_schema(summary="Change your draft", request=ObservationChangeIn),
)
class ObservationViewSet(
    Conditional,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = ObservationOut
    http_method_names = ["get", "post", "patch", "head", "options"]
    queryset = Observation.objects.none()

    def lesson_access(self) -> LessonAccess:
        if not hasattr(self, "_lesson_access"):
            self._lesson_access = get_lesson_for_user(user_of(self.request), lesson_pk(self))
        return self._lesson_access

    def get_queryset(self) -> QuerySet[Observation]:
        return (
            self.lesson_access()
            .readable_observations()
            .select_related("observer__school")
            .prefetch_related("scores")
            .order_by("pk")
        )

    def get_object(self) -> Observation:
        access = self.lesson_access()
        observation = get_object_or_404(
            Observation.objects.select_related("observer__school").prefetch_related("scores"),
            pk=int(self.kwargs["pk"]),
            lesson=access.lesson,
        )
        require(access.may_read(observation), REFUSED)
        if self.request.method not in ("GET", "HEAD", "OPTIONS"):
            require(observation.observer_id == access.user.pk, REFUSED)
        return observation

    def save(self, observation_data: dict[str, Any], *, submit: bool, version: int | None) -> Observation:
        access = self.lesson_access()
        with refusals():
            saved = actions.save_observation(
                access.lesson, access.user, submit=submit, version=version, **observation_data
            )
        return Observation.objects.select_related("observer__school").prefetch_related("scores").get(pk=saved.pk)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        access = self.lesson_access()
        require(access.may_observe, _("You cannot observe this lesson."))
        incoming = NewObservationIn(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        submit = data.pop("submit")
        # Version 0: the observer has no draft yet. One begun meanwhile (another
        # device) makes this a stale save, as on the page: 409.
        observation = self.save(draft(data), submit=submit, version=0)
        return Response(ObservationOut(observation).data, status=status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        observation = self.get_object()
        incoming = ObservationChangeIn(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        version = data.pop("version", None)
        saved = self.save(draft(data, observation), submit=False, version=version)
        return Response(ObservationOut(saved).data)

    @extend_schema(summary="Submit your observation as it is saved", request=SubmitIn, responses=ObservationOut)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, lesson_pk: str, pk: str) -> Response:
        observation = self.get_object()
        incoming = SubmitIn(data=request.data)
        incoming.is_valid(raise_exception=True)
        saved = self.save(draft({}, observation), submit=True, version=incoming.validated_data.get("version"))
        return Response(ObservationOut(saved).data)


router = Router()
router.register(rf"networks/(?P<network_pk>{ID})/lessons", NetworkLessonViewSet, basename="network-lesson")
router.register("lessons", LessonViewSet, basename="lesson")
router.register(
    rf"networks/(?P<network_pk>{ID})/observation-forms", ObservationFormViewSet, basename="observation-form"
)
router.register(rf"lessons/(?P<lesson_pk>{ID})/observations", ObservationViewSet, basename="lesson-observation")

urlpatterns = [path("", include(router.urls))]
