"""/api/v1/plans/, /api/v1/plan-indicators/, /api/v1/rubric-areas/ and
/api/v1/networks/{id}/rubric-placements/: development plans with their stages and SMART
goals (indicators, criteria, checks, trajectory), the live indicators a goal can follow,
the school development rubric, and the schools' places on it.

Every endpoint asks plans/permissions.py exactly as the pages do (outsiders 404, readers
403 on a change, lists from ``visible_to``) and changes things through plans/actions.py,
the same verbs the pages call (version checks and notices come with them)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import include, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
    extend_schema_view,
)
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from calendars.models import AcademicYear
from networks.api import PersonRef
from ortaq.lib.access import require
from ortaq.lib.api import Conditional
from ortaq.lib.api_router import Router
from ortaq.lib.editing import StaleEdit
from plans import actions, indicators, needs
from plans.models import Check, Criterion, Descriptor, Goal, Placement, Plan, Priority, RubricArea, RubricStage
from plans.overview import overview
from plans.permissions import (
    REFUSED,
    REFUSED_MODERATE,
    REFUSED_PLACE,
    PlanAccess,
    get_placement_for_user,
    get_plan_for_user,
    get_rubric_for_user,
    placements_visible_to,
)
from plans.trajectory import Trajectory, goals_of
from schools.models import School


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = gettext_lazy("Someone changed this after you read it: read it again and repeat your change.")


def user_of(request: Request) -> User:
    user: User = request.user
    return user


# The largest id a database column holds: a longer number in an address names nothing.
LARGEST_ID = 2**63 - 1


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


# --- Plans ------------------------------------------------------------------------------------


class StageOut(serializers.Serializer[Any]):
    stage = serializers.CharField()
    label = serializers.CharField()
    done = serializers.IntegerField()
    total = serializers.IntegerField()
    state = serializers.ChoiceField(choices=["empty", "progress", "complete"], source="state_code")
    summary = serializers.CharField()
    warning = serializers.CharField()
    open_comments = serializers.IntegerField()


class PlanSerializer(serializers.ModelSerializer[Plan]):
    school_name = serializers.CharField(source="school.name", default="", read_only=True)

    class Meta:
        model = Plan
        fields = ["id", "network", "school", "school_name", "title", "year", "starts_on", "ends_on", "created_at"]
        read_only_fields = fields


class PlanDetail(PlanSerializer):
    change_team = PersonRef(many=True, read_only=True)
    stages = serializers.SerializerMethodField()

    class Meta(PlanSerializer.Meta):
        fields = [*PlanSerializer.Meta.fields, "change_team", "stages"]
        read_only_fields = fields

    @extend_schema_field(StageOut(many=True))
    def get_stages(self, plan: Plan) -> list[dict[str, Any]]:
        return list(StageOut(overview(plan, timezone.localdate()), many=True).data)


@extend_schema_view(
    list=extend_schema(
        summary="Development plans you may open",
        parameters=[OpenApiParameter("network", int), OpenApiParameter("school", int)],
    ),
    retrieve=extend_schema(summary="A development plan: its change team and how complete each stage is"),
)
class PlanViewSet(Conditional, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Plan]):
    http_method_names = ["get", "head", "options"]
    queryset = Plan.objects.none()

    def get_serializer_class(self) -> type[serializers.BaseSerializer[Plan]]:
        return PlanDetail if self.action == "retrieve" else PlanSerializer

    def get_queryset(self) -> QuerySet[Plan]:
        plans = Plan.objects.visible_to(user_of(self.request)).select_related("school").order_by("pk")
        params = self.request.query_params
        for name in ("network", "school"):
            value = str(params.get(name, ""))
            if value.isdigit():
                plans = plans.filter(**{f"{name}_id": int(value)})
        return plans

    def get_object(self) -> Plan:
        plan = get_plan_for_user(user_of(self.request), number_of(self, "pk")).plan
        return Plan.objects.select_related("school").prefetch_related("change_team__school").get(pk=plan.pk)


# --- Goals -------------------------------------------------------------------------------------


@extend_schema_serializer(component_name="PlanCriterionOut")  # observations has a CriterionOut
class CriterionOut(serializers.ModelSerializer[Criterion]):
    class Meta:
        model = Criterion
        fields = ["id", "text", "status", "updated_at"]
        read_only_fields = fields


class CheckOut(serializers.ModelSerializer[Check]):
    class Meta:
        model = Check
        fields = ["id", "due_on", "done_on", "value", "note"]
        read_only_fields = fields


class PointOut(serializers.Serializer[Any]):
    day = serializers.DateField()
    value = serializers.DecimalField(max_digits=10, decimal_places=2)
    label = serializers.CharField()


class GoalSerializer(serializers.ModelSerializer[Goal]):
    priority = serializers.PrimaryKeyRelatedField(queryset=Priority.objects.none())
    indicator_source = serializers.CharField(
        required=False, allow_blank=True, max_length=60, help_text="A key of /plan-indicators/, or empty."
    )
    version = serializers.IntegerField(
        required=False, help_text="The version read; a change to an older one is refused with 409."
    )
    needs = serializers.ListField(
        child=serializers.SlugField(max_length=60),
        required=False,
        help_text="The keys of the needs (areas of the network's needs assessment, /networks/{id}/needs/) it serves.",
    )
    criteria = CriterionOut(many=True, read_only=True)
    checks = CheckOut(many=True, read_only=True)
    trajectory = serializers.SerializerMethodField()
    live_value = serializers.SerializerMethodField()

    class Meta:
        model = Goal
        fields = [
            "id",
            "priority",
            "statement",
            "measure",
            "baseline",
            "target",
            "due_on",
            "indicator_source",
            "methods",
            "needs",
            "version",
            "criteria",
            "checks",
            "trajectory",
            "live_value",
        ]
        read_only_fields = ["id"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plan = self.context.get("plan")
        if plan is not None:
            field = self.fields["priority"]
            assert isinstance(field, serializers.PrimaryKeyRelatedField)
            field.queryset = Priority.objects.filter(plan=plan)
        if self.instance is not None and not isinstance(self.instance, list | QuerySet):
            self.fields["priority"].read_only = True

    def to_representation(self, instance: Goal) -> dict[str, Any]:
        shown: dict[str, Any] = super().to_representation(instance)
        shown["needs"] = [link.need for link in instance.needs_served.all()]
        return shown

    def validate_needs(self, value: list[str]) -> list[str]:
        plan = self.context.get("plan")
        known, _ticked = needs.choices_for(plan.network, None) if plan is not None else ({}, [])
        current = set(needs.needs_of(self.instance)) if isinstance(self.instance, Goal) else set()
        unknown = [key for key in value if key not in known and key not in current]
        if unknown:
            raise serializers.ValidationError(
                _("The network's needs assessment has no such need: %(keys)s.") % {"keys": ", ".join(unknown)}
            )
        return value

    def path(self, goal: Goal) -> Trajectory | None:
        paths: dict[int, Trajectory] = self.context.get("paths", {})
        return paths.get(goal.pk)

    @extend_schema_field(PointOut(many=True))
    def get_trajectory(self, goal: Goal) -> list[dict[str, Any]]:
        found = self.path(goal)
        return list(PointOut(found.points, many=True).data) if found else []

    @extend_schema_field(serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True))
    def get_live_value(self, goal: Goal) -> str | None:
        found = self.path(goal)
        return None if found is None or found.live is None else f"{found.live:.2f}"


GOAL_FIELDS = ("statement", "measure", "baseline", "target", "due_on", "indicator_source", "methods")


@extend_schema_view(
    list=extend_schema(summary="A plan's SMART goals with their indicators, criteria, checks and trajectory"),
    retrieve=extend_schema(summary="A SMART goal"),
    create=extend_schema(summary="Set a SMART goal under one of the plan's priorities (the change team)"),
    partial_update=extend_schema(summary="Change a SMART goal (the change team)"),
)
class GoalViewSet(
    Conditional,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Goal],
):
    serializer_class = GoalSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    queryset = Goal.objects.none()
    cursor_ordering = ("priority__position", "priority_id", "position", "pk")

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        self.plan_access: PlanAccess = get_plan_for_user(user_of(request), number_of(self, "plan_pk"))
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            require(self.plan_access.can_edit, REFUSED)

    def get_serializer_context(self) -> dict[str, Any]:
        context: dict[str, Any] = super().get_serializer_context()
        if hasattr(self, "plan_access"):
            plan = self.plan_access.plan
            context["plan"] = plan
            context["paths"] = {goal.pk: path for goal, path in goals_of(plan, timezone.localdate())}
        return context

    def get_queryset(self) -> QuerySet[Goal]:
        return Goal.objects.filter(priority__plan=self.plan_access.plan).prefetch_related(
            "criteria", "checks", "needs_served"
        )

    def get_object(self) -> Goal:
        return get_object_or_404(self.get_queryset(), pk=number_of(self, "pk"))

    def perform_create(self, serializer: serializers.BaseSerializer[Goal]) -> None:
        data = dict(serializer.validated_data)
        data.pop("version", None)
        priority = data.pop("priority")
        try:
            serializer.instance = actions.add_goal(
                priority, needs=data.get("needs"), **{name: data.get(name, "") for name in GOAL_FIELDS}
            )
        except DjangoValidationError as error:
            raise refused(error) from None

    def perform_update(self, serializer: serializers.BaseSerializer[Goal]) -> None:
        goal = serializer.instance
        assert isinstance(goal, Goal)
        data = dict(serializer.validated_data)
        opened = data.pop("version", None)
        data.pop("priority", None)
        try:
            actions.save_goal(
                goal,
                version=opened,
                needs=data.get("needs"),
                **{name: data[name] for name in GOAL_FIELDS if name in data},
            )
        except StaleEdit:
            raise Conflict from None
        except DjangoValidationError as error:
            raise refused(error) from None
        serializer.instance = self.get_object()


# --- Indicators ----------------------------------------------------------------------------------


class IndicatorOut(serializers.Serializer[Any]):
    key = serializers.CharField()
    label = serializers.CharField()
    unit = serializers.CharField()


@extend_schema_view(list=extend_schema(summary="The live indicators a goal can follow"))
class IndicatorViewSet(viewsets.ViewSet):
    serializer_class = IndicatorOut

    def list(self, request: Request) -> Response:
        return Response(IndicatorOut(indicators.every(), many=True).data)


# --- The rubric ----------------------------------------------------------------------------------


class DescriptorOut(serializers.ModelSerializer[Descriptor]):
    stage = serializers.IntegerField(source="stage.number", read_only=True)
    stage_name = serializers.CharField(source="stage.name", read_only=True)

    class Meta:
        model = Descriptor
        fields = ["stage", "stage_name", "text_kk", "text_ru", "text_en"]
        read_only_fields = fields


class RubricAreaOut(serializers.ModelSerializer[RubricArea]):
    descriptors = DescriptorOut(many=True, read_only=True)

    class Meta:
        model = RubricArea
        fields = ["id", "code", "name_kk", "name_ru", "name_en", "position", "descriptors"]
        read_only_fields = fields


@extend_schema_view(list=extend_schema(summary="The school development rubric: areas and their stages"))
class RubricAreaViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[RubricArea]):
    serializer_class = RubricAreaOut
    pagination_class = None

    def get_queryset(self) -> QuerySet[RubricArea]:
        return RubricArea.objects.prefetch_related("descriptors__stage").order_by("position", "pk")


class StageNumber(serializers.IntegerField):
    """A stage of the rubric by its number (1–4)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=1, max_value=4, **kwargs)


class PlacementSerializer(serializers.ModelSerializer[Placement]):
    school = serializers.PrimaryKeyRelatedField(queryset=School.objects.none())
    school_name = serializers.CharField(source="school.name", read_only=True)
    year = serializers.PrimaryKeyRelatedField(queryset=AcademicYear.objects.all())
    area = serializers.PrimaryKeyRelatedField(queryset=RubricArea.objects.all())
    stage = StageNumber(source="stage.number")
    proposed_stage = serializers.IntegerField(source="proposed_stage.number", read_only=True, allow_null=True)
    version = serializers.IntegerField(
        required=False, help_text="The version read; a change to an older one is refused with 409."
    )

    class Meta:
        model = Placement
        fields = [
            "id",
            "school",
            "school_name",
            "year",
            "area",
            "stage",
            "evidence",
            "placed_at",
            "moderation",
            "proposed_stage",
            "reason",
            "moderated_at",
            "version",
        ]
        read_only_fields = ["id", "placed_at", "moderation", "reason", "moderated_at"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        network = self.context.get("network")
        if network is not None:
            field = self.fields["school"]
            assert isinstance(field, serializers.PrimaryKeyRelatedField)
            field.queryset = School.objects.filter(network_links__network=network)
        if self.instance is not None and not isinstance(self.instance, list | QuerySet):
            for name in ("school", "year", "area"):
                self.fields[name].read_only = True


@extend_schema_serializer(component_name="PlacementModerationIn")  # forums has a ModerationIn
class ModerationIn(serializers.Serializer[Any]):
    agree = serializers.BooleanField()
    proposed_stage = StageNumber(required=False, allow_null=True)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    version = serializers.IntegerField(required=False)


def stage_numbered(number: int) -> RubricStage:
    stage = RubricStage.objects.filter(number=number).first()
    if stage is None:
        raise exceptions.ValidationError({"stage": [_("There is no such stage.")]})
    return stage


@extend_schema_view(
    list=extend_schema(
        summary="The schools' places on the rubric in a network",
        parameters=[OpenApiParameter("year", int), OpenApiParameter("school", int)],
    ),
    retrieve=extend_schema(summary="A school's place on one area in one year"),
    create=extend_schema(summary="Place a school on an area for a year (its director or change team)"),
    partial_update=extend_schema(summary="Place the school again: moderation is asked again"),
)
class PlacementViewSet(
    Conditional,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Placement],
):
    serializer_class = PlacementSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    queryset = Placement.objects.none()

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        self.rubric = get_rubric_for_user(user_of(request), number_of(self, "network_pk"))

    def get_serializer_context(self) -> dict[str, Any]:
        context: dict[str, Any] = super().get_serializer_context()
        if hasattr(self, "rubric"):
            context["network"] = self.rubric.network
        return context

    def get_queryset(self) -> QuerySet[Placement]:
        placements = (
            placements_visible_to(user_of(self.request))
            .filter(network=self.rubric.network)
            .select_related("school", "stage", "proposed_stage")
            .order_by("pk")
        )
        for name in ("year", "school"):
            value = str(self.request.query_params.get(name, ""))
            if value.isdigit():
                placements = placements.filter(**{f"{name}_id": int(value)})
        return placements

    def get_object(self) -> Placement:
        rubric, placement = get_placement_for_user(user_of(self.request), number_of(self, "pk"))
        if placement.network_id != self.rubric.network.pk:
            raise exceptions.NotFound
        if self.request.method == "PATCH":
            require(rubric.can_place(placement.school), REFUSED_PLACE)
        return placement

    def perform_create(self, serializer: serializers.BaseSerializer[Placement]) -> None:
        data = serializer.validated_data
        require(self.rubric.can_place(data["school"]), REFUSED_PLACE)
        try:
            serializer.instance = actions.place_school(
                self.rubric.network,
                data["school"],
                year=data["year"],
                area=data["area"],
                stage=stage_numbered(data["stage"]["number"]),
                evidence=data["evidence"],
                by=user_of(self.request),
                version=data.get("version", 0),
            )
        except StaleEdit:
            raise Conflict from None

    def perform_update(self, serializer: serializers.BaseSerializer[Placement]) -> None:
        placement = serializer.instance
        assert isinstance(placement, Placement)
        data = serializer.validated_data
        number = data.get("stage", {}).get("number", placement.stage.number)
        try:
            serializer.instance = actions.place_school(
                placement.network,
                placement.school,
                year=placement.year,
                area=placement.area,
                stage=stage_numbered(number),
                evidence=data.get("evidence", placement.evidence),
                by=user_of(self.request),
                version=data.get("version", placement.version),
            )
        except StaleEdit:
            raise Conflict from None

    @extend_schema(summary="Moderate a school's place: agree, or propose another stage with a reason",
                   request=ModerationIn, responses=PlacementSerializer)  # fmt: skip
    @action(detail=True, methods=["post"])
    def moderate(self, request: Request, network_pk: str, pk: str) -> Response:
        rubric, placement = get_placement_for_user(user_of(request), number_of(self, "pk"))
        if placement.network_id != self.rubric.network.pk:
            raise exceptions.NotFound
        require(rubric.can_moderate(placement.school), REFUSED_MODERATE)
        incoming = ModerationIn(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        proposed = data.get("proposed_stage")
        try:
            actions.moderate(
                placement,
                agree=data["agree"],
                proposed_stage=stage_numbered(proposed) if proposed else None,
                reason=data.get("reason", ""),
                by=user_of(request),
                version=data.get("version", placement.version),
            )
        except StaleEdit:
            raise Conflict from None
        except DjangoValidationError as error:
            raise refused(error) from None
        return Response(PlacementSerializer(placement, context=self.get_serializer_context()).data)


router = Router()
router.register("plans", PlanViewSet, basename="plan")
router.register(r"plans/(?P<plan_pk>[0-9]+)/goals", GoalViewSet, basename="plan-goal")
router.register("plan-indicators", IndicatorViewSet, basename="plan-indicator")
router.register("rubric-areas", RubricAreaViewSet, basename="rubric-area")
router.register(r"networks/(?P<network_pk>[0-9]+)/rubric-placements", PlacementViewSet, basename="rubric-placement")

urlpatterns = [path("", include(router.urls))]
