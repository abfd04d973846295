"""/api/v1/coaching-plans/ with their sessions and lesson visits.

Every endpoint asks coaching/permissions.py exactly as the pages do — outsiders and
those who do not know a plan 404; the leaders know the plan but not its records
(sessions and visits 404 for them unless the teachers share them); readers 403 on a
change — checks what is sent with the pages' own forms, and changes things through
coaching/actions.py (version checks and notices come with them)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import include, path
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from coaching import actions
from coaching.forms import PlanForm, ScheduleForm, VisitForm
from coaching.models import CoachingPlan, CoachingSession, Visit
from coaching.permissions import (
    REFUSED,
    PlanAccess,
    get_edited_plan,
    get_network_for_new_plan,
    get_plan_for_user,
    get_plan_records,
    plans_visible_to,
)
from networks.api import PersonRef
from ortaq.lib.access import require
from ortaq.lib.api import Conditional, IdField, VersionField, refusals, valid
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


# --- Plans ---------------------------------------------------------------------------------------


class CoachingPlanSerializer(serializers.ModelSerializer[CoachingPlan]):
    coach = PersonRef(read_only=True)
    teachers = PersonRef(many=True, read_only=True)
    school_name = serializers.CharField(source="school.name", default="", read_only=True)
    sessions_held = serializers.IntegerField(read_only=True, source="held_count")
    sessions_scheduled = serializers.IntegerField(read_only=True, source="scheduled_count")

    class Meta:
        model = CoachingPlan
        fields = [
            "id",
            "network",
            "school",
            "school_name",
            "title",
            "goal",
            "coach",
            "teachers",
            "focus",
            "resources",
            "planned_sessions",
            "starts_on",
            "ends_on",
            "status",
            "shared_with_leaders",
            "sessions_held",
            "sessions_scheduled",
            "version",
            "created_at",
        ]
        read_only_fields = fields


class CoachingPlanIn(serializers.Serializer[Any]):
    """A plan as sent: the page's form checks it (PlanForm); a change sends only what
    changes, and may send the ``version`` read."""

    network = IdField(required=False, help_text="The network (to start a plan)")
    title = serializers.CharField(required=False, max_length=255)
    school = IdField(required=False, allow_null=True)
    goal = IdField(required=False, allow_null=True, help_text="A goal of one of the network's development plans")
    coach = IdField(required=False)
    teachers = serializers.ListField(child=IdField(), required=False)
    focus = serializers.CharField(required=False, allow_blank=True)
    resources = serializers.CharField(required=False, allow_blank=True)
    planned_sessions = serializers.IntegerField(required=False, min_value=0, max_value=32767)
    starts_on = serializers.DateField(required=False)
    ends_on = serializers.DateField(required=False)
    status = serializers.ChoiceField(choices=CoachingPlan.Status.choices, required=False)
    version = VersionField()


def counted(plans: QuerySet[CoachingPlan]) -> QuerySet[CoachingPlan]:
    return plans.annotate(
        held_count=Count("sessions", filter=Q(sessions__status=CoachingSession.Status.HELD), distinct=True),
        scheduled_count=Count("sessions", distinct=True),
    )


def form_data(plan: CoachingPlan | None, sent: dict[str, Any]) -> dict[str, Any]:
    """What the page's form would hold: the plan as it is, with what was sent over it."""
    data: dict[str, Any] = {}
    if plan is not None:
        data = {
            "title": plan.title,
            "school": plan.school_id or "",
            "goal": plan.goal_id or "",
            "coach": plan.coach_id,
            "teachers": list(plan.teachers.values_list("pk", flat=True)),
            "focus": plan.focus,
            "resources": plan.resources,
            "planned_sessions": plan.planned_sessions,
            "starts_on": plan.starts_on,
            "ends_on": plan.ends_on,
            "status": plan.status,
        }
    for name, value in sent.items():
        if name not in ("network", "version"):
            data[name] = "" if value is None else value
    return data


@extend_schema_view(
    list=extend_schema(
        summary="Coaching plans you know of (never their records)", parameters=[OpenApiParameter("network", int)]
    ),
    retrieve=extend_schema(summary="A coaching plan: coach, teachers, focus, sessions held"),
    create=extend_schema(summary="Start a coaching plan (organisers, directors, change teams)", request=CoachingPlanIn),
    partial_update=extend_schema(
        summary="Change a coaching plan (its coach; the leaders who started it)", request=CoachingPlanIn
    ),
)
class CoachingPlanViewSet(
    Conditional,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[CoachingPlan],
):
    serializer_class = CoachingPlanSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    queryset = CoachingPlan.objects.none()

    def get_queryset(self) -> QuerySet[CoachingPlan]:
        plans = plans_visible_to(user_of(self.request)).select_related("school", "coach__school")
        network = str(self.request.query_params.get("network", ""))
        if network.isdigit():
            plans = plans.filter(network_id=int(network))
        return counted(plans.prefetch_related("teachers__school")).order_by("pk")

    def get_object(self) -> CoachingPlan:
        plan = get_plan_for_user(user_of(self.request), number_of(self, "pk")).plan
        return self.get_queryset().get(pk=plan.pk)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        sent = CoachingPlanIn(data=request.data)
        sent.is_valid(raise_exception=True)
        if "network" not in sent.validated_data:
            raise exceptions.ValidationError({"network": ["This field is required."]})
        user = user_of(request)
        access = get_network_for_new_plan(user, sent.validated_data["network"])
        form = PlanForm(form_data(None, dict(sent.validated_data)), network=access.network, version=0)
        data = valid(form)
        with refusals():
            plan = actions.start_plan(access.network, by=user, teachers=data["teachers"], **form.plan_fields())
        return Response(self.get_serializer(self.get_queryset().get(pk=plan.pk)).data, status=201)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = user_of(request)
        plan_access = get_edited_plan(user, number_of(self, "pk"))
        plan = plan_access.plan
        sent = CoachingPlanIn(data=request.data)
        sent.is_valid(raise_exception=True)
        form = PlanForm(form_data(plan, dict(sent.validated_data)), instance=plan, network=plan.network)
        data = valid(form)
        with refusals():
            actions.update_plan(
                plan,
                by=user,
                version=sent.validated_data.get("version"),
                teachers=data["teachers"],
                **form.plan_fields(),
            )
        return Response(self.get_serializer(self.get_queryset().get(pk=plan.pk)).data)


# --- Sessions ------------------------------------------------------------------------------------


class SessionSerializer(serializers.ModelSerializer[CoachingSession]):
    class Meta:
        model = CoachingSession
        fields = [
            "id",
            "plan",
            "number",
            "date",
            "event",
            "topic",
            "done",
            "agreements",
            "next_steps",
            "status",
            "updated_at",
            "version",
        ]
        read_only_fields = fields


class SessionIn(serializers.Serializer[Any]):
    """A new session (the page's schedule form), or its record."""

    date = serializers.DateField(required=False)
    topic = serializers.CharField(required=False, allow_blank=True, max_length=255)
    start = serializers.TimeField(required=False, help_text="With a time, an event of the work plan is made")
    duration = serializers.IntegerField(required=False, min_value=15, max_value=480)
    location = serializers.CharField(required=False, allow_blank=True, max_length=255)
    event = IdField(required=False, help_text="An event of the work plan to link")
    done = serializers.CharField(required=False, allow_blank=True)
    agreements = serializers.CharField(required=False, allow_blank=True)
    next_steps = serializers.CharField(required=False, allow_blank=True)
    held = serializers.BooleanField(required=False)
    version = VersionField()


class RecordsOfPlan:
    """The views under a plan whose records they show: 404 unless the person reads them
    (the firewall), 403 on a change unless they coach the plan."""

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        self.plan_access: PlanAccess = get_plan_records(user_of(request), number_of(self, "plan_pk"))
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            require(self.plan_access.can_coach, REFUSED)


@extend_schema_view(
    list=extend_schema(summary="A coaching plan's sessions and their records (the coach and the teachers)"),
    retrieve=extend_schema(summary="A coaching session and its record"),
    create=extend_schema(summary="Schedule the plan's next session (the coach)", request=SessionIn),
    partial_update=extend_schema(summary="Write a session's record (the coach)", request=SessionIn),
)
class SessionViewSet(
    RecordsOfPlan,
    Conditional,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[CoachingSession],
):
    serializer_class = SessionSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    queryset = CoachingSession.objects.none()
    cursor_ordering = ("number", "pk")

    def get_queryset(self) -> QuerySet[CoachingSession]:
        return CoachingSession.objects.filter(plan=self.plan_access.plan)

    def get_object(self) -> CoachingSession:
        return get_object_or_404(self.get_queryset(), pk=number_of(self, "pk"))

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        plan = self.plan_access.plan
        sent = SessionIn(data=request.data)
        sent.is_valid(raise_exception=True)
        form = ScheduleForm({"duration": 45, **request.data}, plan=plan)
        data = valid(form)
        session = actions.schedule_session(
            plan,
            by=user_of(request),
            date=data["event"].local_date if data["event"] else data["date"],
            topic=data["topic"],
            start=data["start"],
            duration=data["duration"],
            location=data["location"],
            event=data["event"],
        )
        return Response(self.get_serializer(session).data, status=201)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        session = self.get_object()
        sent = SessionIn(data=request.data)
        sent.is_valid(raise_exception=True)
        data = dict(sent.validated_data)
        with refusals():
            actions.write_record(
                session,
                by=user_of(request),
                version=data.get("version"),
                date=data.get("date", session.date),
                topic=data.get("topic", session.topic),
                done=data.get("done", session.done),
                agreements=data.get("agreements", session.agreements),
                next_steps=data.get("next_steps", session.next_steps),
                held=data.get("held", session.is_held),
            )
        return Response(self.get_serializer(self.get_object()).data)


# --- Visits --------------------------------------------------------------------------------------


class VisitSerializer(serializers.ModelSerializer[Visit]):
    teacher = PersonRef(read_only=True)
    topic = serializers.CharField(source="lesson.topic", read_only=True)
    grade = serializers.IntegerField(source="lesson.grade", read_only=True)

    class Meta:
        model = Visit
        fields = ["id", "plan", "teacher", "lesson", "topic", "grade", "focus", "date"]
        read_only_fields = fields


class VisitIn(serializers.Serializer[Any]):
    teacher = IdField(help_text="One of the plan's teachers")
    date = serializers.DateField()
    starts_at = serializers.TimeField(required=False)
    topic = serializers.CharField(max_length=255)
    grade = serializers.IntegerField(min_value=0, max_value=12)
    subject = IdField(required=False)
    focus = serializers.CharField(required=False, allow_blank=True, max_length=500)
    form = IdField(required=False, help_text="One of the network's observation forms")


@extend_schema_view(
    list=extend_schema(summary="A coaching plan's lesson visits (the coach and the teachers)"),
    retrieve=extend_schema(summary="A lesson visit; its lesson is observed at /lessons/{id}/"),
    create=extend_schema(summary="Visit a teacher's lesson (the coach)", request=VisitIn),
)
class VisitViewSet(
    RecordsOfPlan,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[Visit],
):
    serializer_class = VisitSerializer
    http_method_names = ["get", "post", "head", "options"]
    queryset = Visit.objects.none()
    cursor_ordering = ("date", "pk")

    def get_queryset(self) -> QuerySet[Visit]:
        visits = Visit.objects.filter(plan=self.plan_access.plan).select_related("teacher__school", "lesson")
        plan_access = self.plan_access
        if plan_access.is_teacher and not plan_access.is_coach:
            visits = visits.filter(teacher=plan_access.user)
        return visits

    def get_object(self) -> Visit:
        return get_object_or_404(self.get_queryset(), pk=number_of(self, "pk"))

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        plan = self.plan_access.plan
        sent = VisitIn(data=request.data)
        sent.is_valid(raise_exception=True)
        data = valid(VisitForm(request.data, plan=plan))
        with refusals():
            visit = actions.add_visit(plan, by=user_of(request), **data)
        return Response(self.get_serializer(visit).data, status=201)


router = Router()
router.register("coaching-plans", CoachingPlanViewSet, basename="coaching-plan")
router.register(r"coaching-plans/(?P<plan_pk>[0-9]+)/sessions", SessionViewSet, basename="coaching-session")
router.register(r"coaching-plans/(?P<plan_pk>[0-9]+)/visits", VisitViewSet, basename="coaching-visit")

urlpatterns = [path("", include(router.urls))]
