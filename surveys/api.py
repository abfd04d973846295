"""/api/v1/surveys/: surveys, their results and sending them; a network's needs, ranked
(/api/v1/networks/{id}/needs/), and the needs its events serve
(/api/v1/networks/{id}/needs-served/).

Every endpoint asks surveys/permissions.py as the pages do: outsiders 404, people who
may not run the network's surveys 403, lists from ``surveys_visible_to``. The results
are the pages' (surveys/results.py): groups under five held back the same way, so the
API gives away nothing the results page would not."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import include, path, re_path
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
    extend_schema_view,
)
from rest_framework import generics, mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from networks.api import network_pk
from networks.permissions import get_network_access
from ortaq.lib.api import Conditional, Moment
from ortaq.lib.api_router import ID, Router
from surveys import actions, needs, results
from surveys.models import NeedServed, Survey, in_language
from surveys.permissions import get_managed_survey, get_survey_for_user, get_survey_network, surveys_visible_to


def user_of(request: Request) -> User:
    user: User = request.user
    return user


class SurveySerializer(serializers.ModelSerializer):
    questionnaire = serializers.SerializerMethodField()
    is_open = serializers.SerializerMethodField()

    class Meta:
        model = Survey
        fields = [
            "id",
            "network",
            "title",
            "questionnaire",
            "audience",
            "anonymous",
            "asks_match_code",
            "opens_at",
            "closes_at",
            "wave",
            "repeats",
            "sent_at",
            "is_open",
        ]
        read_only_fields = fields

    def get_questionnaire(self, survey: Survey) -> str:
        return in_language(survey.version.instrument.title)

    def get_is_open(self, survey: Survey) -> bool:
        return survey.is_open()


class ShareOut(serializers.Serializer):
    label = serializers.CharField()
    count = serializers.IntegerField()
    percent = serializers.FloatField()


@extend_schema_serializer(component_name="SurveyItemOut")
class ItemOut(serializers.Serializer):
    code = serializers.CharField(source="item.code")
    kind = serializers.CharField(source="item.kind")
    text = serializers.CharField()
    reverse_keyed = serializers.BooleanField(source="item.reverse_keyed")
    n = serializers.IntegerField()
    mean = serializers.FloatField(allow_null=True)
    shares = ShareOut(many=True)
    texts = serializers.ListField(child=serializers.CharField())
    by_group = serializers.DictField(child=serializers.FloatField(allow_null=True))
    suppressed = serializers.BooleanField()


class ScaleOut(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    items = serializers.IntegerField()
    n = serializers.IntegerField()
    mean = serializers.FloatField(allow_null=True)
    sd = serializers.FloatField(allow_null=True)
    by_group = serializers.DictField(child=serializers.FloatField(allow_null=True))
    suppressed = serializers.BooleanField()


class GroupOut(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    n = serializers.IntegerField()


@extend_schema_serializer(component_name="SurveyReportOut")
class ReportOut(serializers.Serializer):
    respondents = serializers.IntegerField()
    suppressed = serializers.BooleanField()
    by = serializers.CharField()
    groups = GroupOut(many=True, source="shown_groups")
    hidden_groups = serializers.IntegerField()
    scales = ScaleOut(many=True)
    items = ItemOut(many=True)


class SentOut(serializers.Serializer):
    told = serializers.IntegerField()


@extend_schema_view(
    list=extend_schema(summary="Surveys of the networks you see"),
    retrieve=extend_schema(summary="A survey: what it asks, whom and when"),
)
class SurveyViewSet(Conditional, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = SurveySerializer
    http_method_names = ["get", "post", "head", "options"]
    queryset = Survey.objects.none()
    cursor_ordering = ("-opens_at", "-pk")

    def get_queryset(self) -> QuerySet[Survey]:
        return (
            surveys_visible_to(user_of(self.request)).select_related("version__instrument").order_by("-opens_at", "-pk")
        )

    def get_object(self) -> Survey:
        return get_survey_for_user(user_of(self.request), int(self.kwargs["pk"])).survey

    @extend_schema(
        summary="The results (those who run the network's surveys); groups under five held back",
        parameters=[OpenApiParameter("by", str, enum=["school", "role"], description="Group the figures")],
        responses=ReportOut,
    )
    @action(detail=True, methods=["get"])
    def results(self, request: Request, pk: str) -> Response:
        survey = get_managed_survey(user_of(request), int(pk)).survey
        by = request.query_params.get("by", "")
        report = results.kept_report(survey, by=by if by in ("school", "role") else "")
        return Response(ReportOut(report).data)

    @extend_schema(
        summary="Send the survey to its audience (those who run the network's surveys)", request=None, responses=SentOut
    )
    @action(detail=True, methods=["post"])
    def send(self, request: Request, pk: str) -> Response:
        survey = get_managed_survey(user_of(request), int(pk)).survey
        return Response(SentOut({"told": actions.send_survey(survey, by=user_of(request))}).data)


# --- Needs → plan ------------------------------------------------------------------------------


class PlannedEventOut(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    starts_at = Moment()


class NeedOut(serializers.Serializer):
    key = serializers.CharField(help_text="The area's key (the needs questionnaire's subscale), stable across years")
    name = serializers.CharField()
    rank = serializers.IntegerField()
    score = serializers.FloatField(help_text="The respondents' mean, from low (not needed) to high (much needed)")
    n = serializers.IntegerField()
    low = serializers.IntegerField()
    high = serializers.IntegerField()


class NetworkNeedOut(NeedOut):
    planned_events = serializers.SerializerMethodField(help_text="Events ahead or under way that serve it")

    @extend_schema_field(PlannedEventOut(many=True))
    def get_planned_events(self, need: needs.Need) -> list[dict[str, object]]:
        served = self.context.get("served", {})
        return list(PlannedEventOut(served.get(need.key, []), many=True).data)


class NeedListOut(serializers.Serializer):
    school = serializers.IntegerField(source="school_id", allow_null=True)
    label = serializers.CharField()
    n = serializers.IntegerField()
    suppressed = serializers.BooleanField()
    why_suppressed = serializers.CharField()
    needs = NeedOut(many=True)


class NetworkNeedListOut(NeedListOut):
    needs = NetworkNeedOut(many=True)


class NeedsOut(serializers.Serializer):
    surveys = serializers.SerializerMethodField(help_text="The needs surveys whose answers count")
    network = NetworkNeedListOut(source="overall")
    schools = NeedListOut(many=True)

    def get_surveys(self, report: needs.NeedsReport) -> list[int]:
        return [survey.pk for survey in report.surveys]


@extend_schema(
    summary="The network's needs, the greatest first, and each school's (those who run its surveys)",
    description="From each school's latest needs assessment. Nothing of a school under five respondents "
    "(nor of the next smallest when only one is small): its list is empty and says why.",
    parameters=[OpenApiParameter("school", int, description="Only this school's list")],
)
class NetworkNeeds(generics.GenericAPIView):
    serializer_class = NeedsOut
    pagination_class = None

    def get(self, request: Request, **kwargs: str) -> Response:
        access = get_survey_network(user_of(request), network_pk(self))
        report = needs.report(access.network)
        chosen = request.query_params.get("school", "")
        if chosen.isdigit():
            report.schools = [row for row in report.schools if row.school_id == int(chosen)]
        return Response(NeedsOut(report, context={"served": needs.served(access.network)}).data)


class NeedServedOut(serializers.ModelSerializer):
    event_title = serializers.CharField(source="event.title")
    event_starts_at = Moment(source="event.starts_at")

    class Meta:
        model = NeedServed
        fields = ["id", "need", "event", "event_title", "event_starts_at"]
        read_only_fields = fields


@extend_schema_view(list=extend_schema(summary="The needs the network's events say they serve (its members)"))
class NeedServedViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = NeedServedOut
    queryset = NeedServed.objects.none()
    cursor_ordering = ("pk",)

    def get_queryset(self) -> QuerySet[NeedServed]:
        access = get_network_access(user_of(self.request), network_pk(self))
        return NeedServed.objects.filter(network=access.network).select_related("event").order_by("pk")


router = Router()
router.register("surveys", SurveyViewSet, basename="survey")
router.register(rf"networks/(?P<network_pk>{ID})/needs-served", NeedServedViewSet, basename="network-need-served")

urlpatterns = [
    re_path(rf"^networks/(?P<network_pk>{ID})/needs/$", NetworkNeeds.as_view(), name="network-needs"),
    path("", include(router.urls)),
]
