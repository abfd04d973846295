"""/api/v1/people/{id}/record/: a person's record of professional development — the
events they attended, the open lessons they gave and observed, their awards and their
tasks from meetings — for whom the page shows it to (portfolios/permissions.py: the
person, their networks' organisers, the district's methodologists)."""

from __future__ import annotations

from typing import Any

from django.urls import re_path, reverse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response

from awards.models import Award
from events.api import TaskOut
from events.models import Kind, Participation
from networks.api import PersonRef, user_of
from observations.models import Lesson, Observation
from ortaq.lib.api import Moment, absolute, tagged
from ortaq.lib.api_router import ID
from portfolios.permissions import get_person_record_for_user
from portfolios.record import PersonRecord, record_of


class Linked(serializers.Serializer):
    def link(self, path: str) -> str:
        return absolute(self.context.get("request"), path)


class TakenPartOut(Linked):
    event = serializers.IntegerField(source="event.pk")
    title = serializers.CharField(source="event.title")
    kind = serializers.ChoiceField(choices=Kind.choices, source="event.kind")
    network = serializers.CharField(source="event.network.name")
    starts_at = Moment(source="event.starts_at")
    status = serializers.ChoiceField(choices=Participation.Status.choices)
    attendance = serializers.ChoiceField(choices=Participation.Attendance.choices, allow_blank=True)
    absence_reason = serializers.ChoiceField(choices=Participation.AbsenceReason.choices, allow_blank=True)
    url = serializers.SerializerMethodField()

    def get_url(self, participation: Participation) -> str:
        return self.link(participation.event.get_absolute_url())


class LessonGivenOut(Linked):
    lesson = serializers.IntegerField(source="pk")
    topic = serializers.CharField()
    grade = serializers.IntegerField()
    subject = serializers.CharField(source="subject.name", allow_null=True, default=None)
    day = serializers.SerializerMethodField(help_text="The day of the event that held it.")
    observers = serializers.IntegerField(source="observer_count", help_text="Observations submitted.")
    url = serializers.SerializerMethodField()

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_day(self, lesson: Lesson) -> Any:
        link = getattr(lesson, "event_link", None)
        return link.event.local_date if link else None

    def get_url(self, lesson: Lesson) -> str:
        return self.link(lesson.get_absolute_url())


class LessonObservedOut(Linked):
    lesson = serializers.IntegerField(source="lesson.pk")
    topic = serializers.CharField(source="lesson.topic")
    teacher = serializers.CharField(source="lesson.teacher.full_name")
    subject = serializers.CharField(source="lesson.subject.name", allow_null=True, default=None)
    submitted_at = Moment()
    url = serializers.SerializerMethodField()

    def get_url(self, observation: Observation) -> str:
        return self.link(observation.lesson.get_absolute_url())


class AwardHeldOut(Linked):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=Award.Kind.choices)
    nomination = serializers.CharField()
    hours = serializers.IntegerField(allow_null=True)
    title = serializers.CharField(help_text="The event on the document.")
    issued_on = serializers.DateField()
    code = serializers.CharField()
    is_revoked = serializers.BooleanField()
    verification = serializers.SerializerMethodField()
    pdf = serializers.SerializerMethodField(help_text="The document: in one's own record, while it is valid.")

    def get_verification(self, award: Award) -> str:
        return self.link(award.verification_path())

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_pdf(self, award: Award) -> str | None:
        if award.is_revoked or not self.context.get("is_self"):
            return None
        return self.link(reverse("awards:pdf", args=[award.pk]))


class PersonRecordOut(serializers.Serializer):
    person = PersonRef()
    attended = serializers.IntegerField(help_text="Events at which the person was marked present.")
    events = TakenPartOut(many=True, source="participations")
    lessons_given = LessonGivenOut(many=True, source="lessons")
    lessons_observed = LessonObservedOut(many=True, source="observations")
    awards = AwardHeldOut(many=True)
    tasks = TaskOut(many=True)


@extend_schema(
    summary="A person's record of professional development",
    parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH)],
    responses={
        200: PersonRecordOut,
        304: OpenApiResponse(description="Not modified: the client holds this version (If-None-Match)"),
    },
)
class PersonRecordView(generics.GenericAPIView):
    serializer_class = PersonRecordOut
    pagination_class = None

    def get(self, request: Request, id: str) -> Response:
        viewer = user_of(request)
        person = get_person_record_for_user(viewer, int(id))
        record: PersonRecord = record_of(person, viewer=viewer)
        context = {"request": request, "is_self": person.pk == viewer.pk}
        return tagged(request, Response(PersonRecordOut(record, context=context).data))


urlpatterns = [re_path(rf"^people/(?P<id>{ID})/record/$", PersonRecordView.as_view(), name="person-record")]
