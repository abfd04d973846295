"""/api/v1/surveys/: surveys, their results and sending them.

Every endpoint asks surveys/permissions.py as the pages do: outsiders 404, people who
may not run the network's surveys 403, lists from ``surveys_visible_to``. The results
are the pages' (surveys/results.py): groups under five held back the same way, so the
API gives away nothing the results page would not."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import include, path
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_serializer, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from ortaq.lib.api import Conditional
from ortaq.lib.api_router import Router
from surveys import actions, results
from surveys.models import Survey, in_language
from surveys.permissions import get_managed_survey, get_survey_for_user, surveys_visible_to


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


router = Router()
router.register("surveys", SurveyViewSet, basename="survey")

urlpatterns = [path("", include(router.urls))]
