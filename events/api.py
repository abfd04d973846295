"""/api/v1/: a network's events and recurring series; taking part (register, decline,
check in) and the organisers' list of participants; attendance; the meeting's record
with its tasks and files; the open lessons an event holds.

Every endpoint asks events/permissions.py as the pages do: outsiders 404, read-only
members 403, lists from ``events_visible_to``. Every write is an events/actions.py
verb, the page's own: notices, transactions and version checks come with it. Times are
ISO 8601 with the offset of the site's zone (Asia/Almaty); dates are ISO 8601 too,
whatever the language of the interface."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import include, path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
    extend_schema_view,
)
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.api import SchoolRef
from accounts.models import User
from events import actions, lessons
from events.forms import EVENT_FIELDS, SeriesForm, check_place
from events.models import Attachment, Event, EventSeries, Kind, Participation, Record, RecordTask, WorkPlan
from events.permissions import (
    REFUSED,
    EventAccess,
    SeriesAccess,
    events_visible_to,
    get_event_for_user,
    get_organised_event,
    get_series_for_user,
    may_change_plan,
)
from networks.api import PersonRef, network_pk, user_of
from networks.forms import members_of
from networks.models import Group, Network
from networks.permissions import Access, get_network_access, get_organised_network
from observations.api import LessonOut, lesson_rows
from observations.models import Lesson
from ortaq.lib.access import require
from ortaq.lib.api import Conditional, Day, Moment, absolute, refusals, tagged
from ortaq.lib.api_router import ID, Router
from schools.models import School

NOT_MODIFIED = OpenApiResponse(description="Not modified: the client holds this version (If-None-Match)")
VERSION_HELP = "The version read; a change to an older one is refused with 409."


def event_pk(view: Any) -> int:
    return int(view.kwargs["event_pk"])


class GroupRef(serializers.ModelSerializer):
    class Meta:
        model = Group
        fields = ["id", "name"]


class Limited(serializers.ModelSerializer):
    """A form of the network's things: its schools, groups, plans and people are the
    only choices, as in the page's form (events.forms.NetworkChoicesMixin)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        network: Network | None = self.context.get("network")
        if network is None:
            return
        choices = {
            "host_school": network.schools.all(),
            "target_schools": network.schools.all(),
            "target_groups": network.groups.all(),
            "plan": WorkPlan.objects.filter(network=network),
            "responsible": members_of(network),
        }
        for name, queryset in choices.items():
            if name in self.fields:
                field = self.fields[name]
                (field.child_relation if isinstance(field, serializers.ManyRelatedField) else field).queryset = queryset

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # What the change leaves, as the page's form would check it: the rest as saved,
        # or as a new one starts (a face-to-face meeting unless another kind is sent).
        check_place({name: attrs.get(name, self.saved(name)) for name in PLACE})
        return attrs

    def saved(self, name: str) -> Any:
        if self.instance is not None:
            return getattr(self.instance, name)
        return self.Meta.model._meta.get_field(name).get_default()


PLACE = ("kind", "location", "online_url", "host_school")


# --- Events -----------------------------------------------------------------------------------


class ParticipationOut(serializers.ModelSerializer):
    # Declared: a read-only field built from the model would not say it may be blank.
    attendance = serializers.ChoiceField(
        choices=Participation.Attendance.choices, allow_blank=True, read_only=True, help_text="Blank: not marked."
    )
    absence_reason = serializers.ChoiceField(
        choices=Participation.AbsenceReason.choices, allow_blank=True, read_only=True
    )

    class Meta:
        model = Participation
        fields = ["id", "status", "attendance", "absence_reason", "absence_note", "checked_in_at", "waitlisted_at"]
        read_only_fields = fields


class CountsOut(serializers.Serializer):
    invited = serializers.IntegerField()
    registered = serializers.IntegerField()
    waitlisted = serializers.IntegerField(help_text="On the waiting list.")
    declined = serializers.IntegerField(help_text="Said they are not coming.")
    present = serializers.IntegerField(help_text="Marked present.")

    def to_representation(self, counts: dict[str, int]) -> dict[str, int]:
        return {name: counts.get(name, 0) for name in self.fields}


class EventOut(serializers.ModelSerializer):
    host_school = SchoolRef(read_only=True, allow_null=True)
    organiser = PersonRef(read_only=True, allow_null=True)
    responsible = PersonRef(many=True, read_only=True)
    target_schools = SchoolRef(many=True, read_only=True)
    target_groups = GroupRef(many=True, read_only=True)
    starts_at = Moment(read_only=True)
    ends_at = Moment(read_only=True)
    is_moved = serializers.BooleanField(read_only=True, help_text="A date of a series moved from the rule's day.")
    mine = serializers.SerializerMethodField(help_text="Your place on its list, if you have one.")
    url = serializers.SerializerMethodField(help_text="The event's page.")

    class Meta:
        model = Event
        fields = [
            *("id", "network", "series", "original_date", "is_moved"),
            *EVENT_FIELDS,
            *("organiser", "responsible", "starts_at", "ends_at", "status", "cancel_reason", "version"),
            *("mine", "url", "created_at", "updated_at"),
        ]
        read_only_fields = fields

    @extend_schema_field(ParticipationOut(allow_null=True))
    def get_mine(self, event: Event) -> dict[str, Any] | None:
        rows = getattr(event, "mine", None)
        if rows is None:
            request = self.context.get("request")
            rows = list(event.participations.filter(user=request.user)) if request is not None else []
        return ParticipationOut(rows[0]).data if rows else None

    def get_url(self, event: Event) -> str:
        return absolute(self.context.get("request"), event.get_absolute_url())


def event_rows(events: QuerySet[Event], user: User) -> QuerySet[Event]:
    """What ``EventOut`` reads, in the same queries for a page of any size."""
    return events.select_related("organiser__school", "host_school").prefetch_related(
        Prefetch("responsible", queryset=User.objects.select_related("school")),
        "target_schools",
        "target_groups",
        Prefetch("participations", queryset=Participation.objects.filter(user=user), to_attr="mine"),
    )


class EventDetail(EventOut):
    can_organise = serializers.SerializerMethodField(
        help_text="Whether you organise it: edit, move, cancel, attendance, the record."
    )
    counts = serializers.SerializerMethodField()
    checkin_code = serializers.SerializerMethodField(help_text="The code shown at the meeting: for its organisers.")

    class Meta(EventOut.Meta):
        fields = [*EventOut.Meta.fields, "can_organise", "counts", "checkin_code"]
        read_only_fields = fields

    def access(self) -> EventAccess:
        access: EventAccess = self.context["event_access"]
        return access

    def get_can_organise(self, event: Event) -> bool:
        return self.access().can_organise

    @extend_schema_field(CountsOut)
    def get_counts(self, event: Event) -> dict[str, int]:
        return CountsOut(event.participation_counts()).data

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_checkin_code(self, event: Event) -> str | None:
        return event.checkin_code if self.access().can_organise else None


class EventIn(Limited):
    starts_at = Moment()
    ends_at = Moment()
    online_url = serializers.URLField(max_length=200, required=False, allow_blank=True)
    responsible = serializers.PrimaryKeyRelatedField(queryset=User.objects.none(), many=True, required=False)

    class Meta:
        model = Event
        fields = [*EVENT_FIELDS, "responsible", "starts_at", "ends_at"]
        extra_kwargs = {
            "host_school": {"queryset": School.objects.none()},
            "plan": {"queryset": WorkPlan.objects.none()},
            "target_schools": {"queryset": School.objects.none()},
            "target_groups": {"queryset": Group.objects.none()},
        }

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        starts = attrs.get("starts_at", getattr(self.instance, "starts_at", None))
        ends = attrs.get("ends_at", getattr(self.instance, "ends_at", None))
        if starts and ends and ends <= starts:
            raise serializers.ValidationError({"ends_at": _("The event must end after it starts.")})
        return attrs


class EventChangeIn(EventIn):
    version = serializers.IntegerField(required=False, min_value=0, help_text=VERSION_HELP)

    class Meta(EventIn.Meta):
        fields = [*EventIn.Meta.fields, "version"]


class EventFilter(serializers.Serializer):
    """The calendar's and the plan's filters."""

    def get_fields(self) -> dict[str, serializers.Field]:
        return {
            "from": Day(required=False),
            "to": Day(required=False),
            "kind": serializers.ChoiceField(choices=Kind.choices, required=False),
            "group": serializers.IntegerField(required=False, min_value=1),
            "school": serializers.IntegerField(required=False, min_value=1),
        }


def filtered(events: QuerySet[Event], network: Network, params: Any) -> QuerySet[Event]:
    incoming = EventFilter(data=params)
    incoming.is_valid(raise_exception=True)
    wanted = incoming.validated_data
    if "from" in wanted or "to" in wanted:
        first = wanted.get("from", datetime.date.min + datetime.timedelta(days=1))
        last = wanted.get("to", datetime.date.max - datetime.timedelta(days=1))
        events = events.between(first, last)  # type: ignore[attr-defined]
    if "kind" in wanted:
        events = events.filter(kind=wanted["kind"])
    if "group" in wanted:
        group = network.groups.filter(pk=wanted["group"]).first()
        if group is None:
            raise exceptions.ValidationError({"group": [_("No such group.")]})
        events = events.for_group(group)  # type: ignore[attr-defined]
    if "school" in wanted:
        school = network.schools.filter(pk=wanted["school"]).first()
        if school is None:
            raise exceptions.ValidationError({"school": [_("No such school.")]})
        events = events.for_school(school)  # type: ignore[attr-defined]
    return events


@extend_schema_view(
    list=extend_schema(
        summary="The network's events, as its calendar and work plan show them",
        parameters=[
            OpenApiParameter("from", OpenApiTypes.DATE, description="First day (ISO 8601, local)"),
            OpenApiParameter("to", OpenApiTypes.DATE, description="Last day, included (ISO 8601, local)"),
            OpenApiParameter("kind", str, enum=Kind.values),
            OpenApiParameter("group", int, description="Events for this group of the network (its calendar)"),
            OpenApiParameter("school", int, description="Events at or for this school of the network"),
        ],
    ),
    create=extend_schema(
        summary="Plan an event (organisers; a director, in their school's plan)",
        request=EventIn,
        responses={201: EventDetail},
    ),
)
class NetworkEventViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    serializer_class = EventOut
    queryset = Event.objects.none()
    cursor_ordering = ("starts_at", "pk")

    def network_access(self) -> Access:
        return get_network_access(user_of(self.request), network_pk(self))

    def get_queryset(self) -> QuerySet[Event]:
        user = user_of(self.request)
        network = self.network_access().network
        events = filtered(events_visible_to(user).filter(network=network), network, self.request.query_params)
        return event_rows(events, user)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = user_of(request)
        access = self.network_access()
        # Who may plan depends on the plan chosen (a director plans their school's),
        # so it is asked before the rest is read, as the page does.
        plan_pk = str(request.data.get("plan") or "") if hasattr(request.data, "get") else ""
        plan = WorkPlan.objects.filter(network=access.network, pk=plan_pk).first() if plan_pk.isdigit() else None
        require(may_change_plan(access, plan, user), REFUSED)
        incoming = EventIn(data=request.data, context={"network": access.network, "request": request})
        incoming.is_valid(raise_exception=True)
        with refusals():
            event = actions.create_event(access.network, by=user, **incoming.validated_data)
        return Response(event_detail(event.pk, request), status=status.HTTP_201_CREATED)


def event_detail(pk: int, request: Request) -> dict[str, Any]:
    access = get_event_for_user(user_of(request), pk)
    event = event_rows(Event.objects.filter(pk=pk), access.user).get()
    return EventDetail(event, context={"request": request, "event_access": access}).data


class MoveIn(serializers.Serializer):
    starts_at = Moment()
    ends_at = Moment()


class CancelIn(serializers.Serializer):
    reason = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


class DeclineIn(serializers.Serializer):
    reason = serializers.ChoiceField(
        choices=Participation.AbsenceReason.choices, required=False, allow_blank=True, default=""
    )
    note = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


class CheckInIn(serializers.Serializer):
    code = serializers.CharField(max_length=12, help_text="The code shown at the meeting, as typed.")


class InvitedOut(serializers.Serializer):
    invited = serializers.IntegerField(help_text="People newly invited.")


class MarkIn(serializers.Serializer):
    participation = serializers.IntegerField(min_value=1, help_text="A row of the event's list of participants.")
    attendance = serializers.ChoiceField(choices=Participation.Attendance.choices, allow_blank=True)
    absence_reason = serializers.ChoiceField(
        choices=Participation.AbsenceReason.choices, required=False, allow_blank=True, default=""
    )
    absence_note = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


class AttendanceIn(serializers.Serializer):
    marks = MarkIn(many=True, allow_empty=False, max_length=5000)


class AttendanceOut(serializers.Serializer):
    marked = serializers.IntegerField(help_text="Rows saved.")
    counts = CountsOut()


class TaskOut(serializers.ModelSerializer):
    owner = PersonRef(read_only=True)
    event = serializers.IntegerField(source="record.event_id", read_only=True)
    is_done = serializers.BooleanField(read_only=True)

    class Meta:
        model = RecordTask
        fields = ["id", "event", "title", "owner", "due_on", "is_done", "done_at", "created_at"]
        read_only_fields = fields


@extend_schema_serializer(component_name="EventAttachmentOut")
class AttachmentOut(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="The file, for the event's readers.")

    class Meta:
        model = Attachment
        fields = ["id", "name", "family", "mime", "size", "url", "created_at"]
        read_only_fields = fields

    def get_url(self, attachment: Attachment) -> str:
        return absolute(self.context.get("request"), attachment.get_absolute_url())


class RecordOut(serializers.Serializer):
    agenda = serializers.CharField(help_text="One item per line.")
    notes = serializers.CharField(help_text="Markdown.")
    decisions = serializers.CharField(help_text="One decision per line.")
    version = serializers.IntegerField()
    written_by = PersonRef(allow_null=True)
    updated_at = Moment(allow_null=True)
    tasks = TaskOut(many=True)
    attachments = AttachmentOut(many=True)


class NewTaskIn(serializers.Serializer):
    title = serializers.CharField(max_length=500)
    owner = serializers.PrimaryKeyRelatedField(queryset=User.objects.none(), help_text="A member of the network.")
    due_on = Day(required=False, allow_null=True, default=None)


class RecordIn(serializers.Serializer):
    agenda = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    notes = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    decisions = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    version = serializers.IntegerField(required=False, min_value=0, help_text=VERSION_HELP)
    tasks = NewTaskIn(many=True, required=False, max_length=100, help_text="New tasks decided at the meeting.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "network" in self.context:
            self.fields["tasks"].child.fields["owner"].queryset = members_of(self.context["network"])


def record_of(event: Event, request: Request) -> dict[str, Any]:
    record = Record.objects.filter(event=event).select_related("written_by__school").first()
    tasks = record.tasks.select_related("owner__school", "record").order_by("done_at", "due_on", "pk") if record else []
    shown = record or Record(event=event)  # a record not written yet starts at version 1, as on the page
    return RecordOut(
        {
            "agenda": shown.agenda,
            "notes": shown.notes,
            "decisions": shown.decisions,
            "version": shown.version,
            "written_by": shown.written_by if record else None,
            "updated_at": shown.updated_at if record else None,
            "tasks": tasks,
            "attachments": event.attachments.all(),
        },
        context={"request": request},
    ).data


@extend_schema_view(
    retrieve=extend_schema(summary="An event", responses={200: EventDetail, 304: NOT_MODIFIED}),
    partial_update=extend_schema(
        summary="Change an event (its organisers)", request=EventChangeIn, responses=EventDetail
    ),
)
class EventViewSet(Conditional, mixins.RetrieveModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet):
    serializer_class = EventDetail
    http_method_names = ["get", "post", "patch", "head", "options"]
    queryset = Event.objects.none()

    def event_access(self) -> EventAccess:
        return get_event_for_user(user_of(self.request), int(self.kwargs["pk"]))

    def organised(self) -> EventAccess:
        return get_organised_event(user_of(self.request), int(self.kwargs["pk"]))

    def taking_part(self) -> EventAccess:
        access = self.event_access()
        require(access.is_member, _("Only members of the network can register."))
        return access

    def get_object(self) -> Event:
        access = self.event_access() if self.request.method in ("GET", "HEAD") else self.organised()
        self.access = access
        return event_rows(Event.objects.filter(pk=access.event.pk), access.user).get()

    def get_serializer_context(self) -> dict[str, Any]:
        context: dict[str, Any] = super().get_serializer_context()
        if hasattr(self, "access"):
            context["event_access"] = self.access
        return context

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        access = self.organised()
        incoming = EventChangeIn(
            access.event, data=request.data, partial=True, context={"network": access.network, "request": request}
        )
        incoming.is_valid(raise_exception=True)
        fields = dict(incoming.validated_data)
        version = fields.pop("version", None)
        with refusals():
            actions.update_event(access.event, version=version, **fields)
        return Response(event_detail(access.event.pk, request))

    @extend_schema(summary="Move the event (its organisers): those going are told", request=MoveIn)
    @action(detail=True, methods=["post"])
    def move(self, request: Request, pk: str) -> Response:
        access = self.organised()
        incoming = MoveIn(data=request.data)
        incoming.is_valid(raise_exception=True)
        with refusals():
            actions.move_event(access.event, by=access.user, **incoming.validated_data)
        return Response(event_detail(access.event.pk, request))

    @extend_schema(summary="Cancel the event (its organisers): those going are told", request=CancelIn)
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str) -> Response:
        access = self.organised()
        incoming = CancelIn(data=request.data)
        incoming.is_valid(raise_exception=True)
        actions.cancel_event(access.event, by=access.user, reason=incoming.validated_data["reason"])
        return Response(event_detail(access.event.pk, request))

    @extend_schema(summary="Put a cancelled event back in the plan (its organisers)", request=None)
    @action(detail=True, methods=["post"])
    def restore(self, request: Request, pk: str) -> Response:
        access = self.organised()
        actions.restore_event(access.event, by=access.user)
        return Response(event_detail(access.event.pk, request))

    @extend_schema(
        summary="Invite the people the event is for who are not on its list (its organisers)",
        request=None,
        responses=InvitedOut,
    )
    @action(detail=True, methods=["post"])
    def invite(self, request: Request, pk: str) -> Response:
        access = self.organised()
        if access.event.is_cancelled:
            raise exceptions.ValidationError({"detail": [_("The event is cancelled.")]})
        return Response(InvitedOut({"invited": actions.invite(access.event, by=access.user)}).data)

    @extend_schema(
        summary="Register (members): a place, or the waiting list when full", request=None, responses=ParticipationOut
    )
    @action(detail=True, methods=["post"])
    def register(self, request: Request, pk: str) -> Response:
        access = self.taking_part()
        with refusals():
            participation = actions.register(access.event, access.user)
        return Response(ParticipationOut(participation).data)

    @extend_schema(
        summary="Say you are not coming (members); a place you held goes to the waiting list",
        request=DeclineIn,
        responses=ParticipationOut,
    )
    @action(detail=True, methods=["post"])
    def decline(self, request: Request, pk: str) -> Response:
        access = self.taking_part()
        incoming = DeclineIn(data=request.data)
        incoming.is_valid(raise_exception=True)
        with refusals():
            participation = actions.decline(access.event, access.user, **incoming.validated_data)
        return Response(ParticipationOut(participation).data)

    @extend_schema(
        summary="Check in with the code shown at the meeting (members, on its day)",
        request=CheckInIn,
        responses=ParticipationOut,
    )
    @action(detail=True, methods=["post"], url_path="check-in")
    def check_in(self, request: Request, pk: str) -> Response:
        access = self.event_access()
        require(access.is_member, _("Only members of the network can check in."))
        incoming = CheckInIn(data=request.data)
        incoming.is_valid(raise_exception=True)
        with refusals("code"):
            participation = actions.check_in(access.event, access.user, incoming.validated_data["code"])
        return Response(ParticipationOut(participation).data)

    @extend_schema(methods=["GET"], summary="How many are on the list and came", responses=CountsOut)
    @extend_schema(
        methods=["POST"],
        summary="Mark attendance and reasons for absence, many people at once (its organisers)",
        request=AttendanceIn,
        responses=AttendanceOut,
    )
    @action(detail=True, methods=["get", "post"])
    def attendance(self, request: Request, pk: str) -> Response:
        if request.method == "GET":
            return Response(CountsOut(self.event_access().event.participation_counts()).data)
        access = self.organised()
        incoming = AttendanceIn(data=request.data)
        incoming.is_valid(raise_exception=True)
        marks = {
            row["participation"]: (row["attendance"], row["absence_reason"], row["absence_note"])
            for row in incoming.validated_data["marks"]
        }
        with refusals("marks"):
            marked = actions.mark_attendance(access.event, by=access.user, marks=marks)
        return Response(AttendanceOut({"marked": marked, "counts": access.event.participation_counts()}).data)

    @extend_schema(
        methods=["GET"],
        summary="The meeting's record, its tasks and files",
        responses={200: RecordOut, 304: NOT_MODIFIED},
    )
    @extend_schema(
        methods=["PATCH"],
        summary="Write the record and add its new tasks (its organisers); what is left out stays",
        request=RecordIn,
        responses=RecordOut,
    )
    @action(detail=True, methods=["get", "patch"])
    def record(self, request: Request, pk: str) -> Response:
        if request.method == "GET":
            return tagged(request, Response(record_of(self.event_access().event, request)))
        access = self.organised()
        incoming = RecordIn(data=request.data, context={"network": access.network})
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        saved = Record.objects.filter(event=access.event).first() or Record(event=access.event)
        with refusals():
            actions.write_record(
                access.event,
                by=access.user,
                **{name: data.get(name, getattr(saved, name)) for name in ("agenda", "notes", "decisions")},
                version=data.get("version"),
                tasks=[actions.NewTask(t["title"], t["owner"], t["due_on"]) for t in data.get("tasks", [])],
            )
        return Response(record_of(access.event, request))


# --- Participants -----------------------------------------------------------------------------


class ParticipantOut(ParticipationOut):
    person = PersonRef(source="user", read_only=True)

    class Meta(ParticipationOut.Meta):
        fields = ["id", "person", *ParticipationOut.Meta.fields[1:], "created_at"]
        read_only_fields = fields


class AttendeeIn(serializers.Serializer):
    person = serializers.PrimaryKeyRelatedField(queryset=User.objects.none(), help_text="A member of the network.")


@extend_schema_view(
    list=extend_schema(
        summary="The event's list of participants with their status (its organisers)",
        parameters=[OpenApiParameter("status", str, enum=Participation.Status.values)],
    ),
    create=extend_schema(
        summary="Add a person who came and mark them present (its organisers)",
        request=AttendeeIn,
        responses={201: ParticipantOut},
    ),
)
class ParticipantViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    serializer_class = ParticipantOut
    queryset = Participation.objects.none()

    def get_queryset(self) -> QuerySet[Participation]:
        event = get_organised_event(user_of(self.request), event_pk(self)).event
        rows = event.participations.select_related("user__school")
        wanted = self.request.query_params.get("status")
        if wanted is not None:
            if wanted not in Participation.Status.values:
                raise exceptions.ValidationError({"status": [_("Choose a status from the list.")]})
            rows = rows.filter(status=wanted)
        return rows

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        access = get_organised_event(user_of(request), event_pk(self))
        incoming = AttendeeIn(data=request.data)
        incoming.fields["person"].queryset = members_of(access.network)
        incoming.is_valid(raise_exception=True)
        with refusals("person"):
            added = actions.add_attendee(access.event, incoming.validated_data["person"], by=access.user)
        row = Participation.objects.select_related("user__school").get(pk=added.pk)
        return Response(ParticipantOut(row).data, status=status.HTTP_201_CREATED)


# --- Files of the record ----------------------------------------------------------------------


class AttachmentIn(serializers.Serializer):
    file = serializers.FileField(help_text="A photo, audio, video, slides or a document; checked by its content.")


@extend_schema_view(
    list=extend_schema(summary="The event's files"),
    retrieve=extend_schema(summary="A file of the event", responses={200: AttachmentOut, 304: NOT_MODIFIED}),
    create=extend_schema(
        summary="Upload a file (its organisers)", request=AttachmentIn, responses={201: AttachmentOut}
    ),
    destroy=extend_schema(summary="Remove a file (its organisers)"),
)
class AttachmentViewSet(
    Conditional,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = AttachmentOut
    parser_classes = [MultiPartParser]
    queryset = Attachment.objects.none()

    def event_access(self) -> EventAccess:
        if self.request.method in ("GET", "HEAD"):
            return get_event_for_user(user_of(self.request), event_pk(self))
        return get_organised_event(user_of(self.request), event_pk(self))

    def get_queryset(self) -> QuerySet[Attachment]:
        return self.event_access().event.attachments.all()

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        access = self.event_access()
        incoming = AttachmentIn(data=request.data)
        incoming.is_valid(raise_exception=True)
        with refusals("file"):
            added = actions.add_attachment(access.event, incoming.validated_data["file"], by=access.user)
        return Response(AttachmentOut(added, context={"request": request}).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance: Attachment) -> None:
        actions.remove_attachment(instance)


# --- Tasks from records -----------------------------------------------------------------------


class TaskDoneIn(serializers.Serializer):
    done = serializers.BooleanField(help_text="Done, or open again.")


@extend_schema_view(
    retrieve=extend_schema(summary="A task decided at a meeting", responses={200: TaskOut, 304: NOT_MODIFIED}),
    partial_update=extend_schema(
        summary="Mark a task done or open again (its owner, the event's organisers)", request=TaskDoneIn
    ),
)
class RecordTaskViewSet(Conditional, mixins.RetrieveModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet):
    serializer_class = TaskOut
    http_method_names = ["get", "patch", "head", "options"]
    queryset = RecordTask.objects.none()

    def get_object(self) -> RecordTask:
        task = get_object_or_404(RecordTask.objects.select_related("record", "owner__school"), pk=self.kwargs["pk"])
        access = get_event_for_user(user_of(self.request), task.record.event_id)
        if self.request.method not in ("GET", "HEAD"):
            require(task.owner_id == access.user.pk or access.can_organise, REFUSED)
        return task

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        task = self.get_object()
        incoming = TaskDoneIn(data=request.data)
        incoming.is_valid(raise_exception=True)
        actions.set_task_done(task, done=incoming.validated_data["done"])
        return Response(TaskOut(task).data)


# --- Recurring series -------------------------------------------------------------------------

# What the page's form sets, but the choice between the two kinds of rule: the API
# sends week and weekday, or month_day.
SERIES_FIELDS = [name for name in SeriesForm.Meta.fields if name != "rule_kind"]


class OccurrenceOut(serializers.ModelSerializer):
    starts_at = Moment(read_only=True)

    class Meta:
        model = Event
        fields = ["id", "original_date", "starts_at", "status"]
        read_only_fields = fields


class SeriesOut(serializers.ModelSerializer):
    host_school = SchoolRef(read_only=True, allow_null=True)
    organiser = PersonRef(read_only=True, allow_null=True)
    target_schools = SchoolRef(many=True, read_only=True)
    target_groups = GroupRef(many=True, read_only=True)
    cancelled_at = Moment(read_only=True, allow_null=True)
    url = serializers.SerializerMethodField(help_text="The series' page.")

    class Meta:
        model = EventSeries
        fields = ["id", "network", *SERIES_FIELDS, "organiser", "cancelled_at", "url", "created_at"]
        read_only_fields = fields

    def get_url(self, series: EventSeries) -> str:
        return absolute(self.context.get("request"), series.get_absolute_url())


class SeriesDetail(SeriesOut):
    occurrences = OccurrenceOut(many=True, read_only=True)
    can_organise = serializers.SerializerMethodField()

    class Meta(SeriesOut.Meta):
        fields = [*SeriesOut.Meta.fields, "occurrences", "can_organise"]
        read_only_fields = fields

    def get_can_organise(self, series: EventSeries) -> bool:
        access: SeriesAccess = self.context["series_access"]
        return access.can_organise


class SeriesIn(Limited):
    starts_on = Day()
    ends_on = Day()
    online_url = serializers.URLField(max_length=200, required=False, allow_blank=True)

    class Meta:
        model = EventSeries
        fields = SERIES_FIELDS
        extra_kwargs = {
            "week": {"help_text": "With weekday: the third Wednesday. Leave out for a day of the month."},
            "month_day": {"help_text": "The 15th. Leave out for a weekday of the month."},
            "host_school": {"queryset": School.objects.none()},
            "plan": {"queryset": WorkPlan.objects.none()},
            "target_schools": {"queryset": School.objects.none()},
            "target_groups": {"queryset": Group.objects.none()},
        }


def series_rows(series: QuerySet[EventSeries]) -> QuerySet[EventSeries]:
    return series.select_related("organiser__school", "host_school").prefetch_related("target_schools", "target_groups")


class SeriesCancelledOut(serializers.Serializer):
    called_off = serializers.IntegerField(help_text="Dates ahead that are cancelled; those past stay on record.")


@extend_schema_view(
    list=extend_schema(summary="The network's recurring events"),
    create=extend_schema(
        summary="Plan a recurring event (organisers): its dates are made at once",
        request=SeriesIn,
        responses={201: SeriesDetail},
    ),
)
class NetworkSeriesViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    serializer_class = SeriesOut
    queryset = EventSeries.objects.none()

    def get_queryset(self) -> QuerySet[EventSeries]:
        network = get_network_access(user_of(self.request), network_pk(self)).network
        return series_rows(network.event_series.all())

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        access = get_organised_network(user_of(request), network_pk(self))
        incoming = SeriesIn(data=request.data, context={"network": access.network, "request": request})
        incoming.is_valid(raise_exception=True)
        with refusals():
            series = actions.create_series(access.network, by=user_of(request), **incoming.validated_data)
        return Response(series_detail(series.pk, request), status=status.HTTP_201_CREATED)


def series_detail(pk: int, request: Request) -> dict[str, Any]:
    access = get_series_for_user(user_of(request), pk)
    series = (
        series_rows(EventSeries.objects.filter(pk=pk))
        .prefetch_related(Prefetch("occurrences", queryset=Event.objects.order_by("original_date", "pk")))
        .get()
    )
    return SeriesDetail(series, context={"request": request, "series_access": access}).data


@extend_schema_view(
    retrieve=extend_schema(
        summary="A recurring event with its dates", responses={200: SeriesDetail, 304: NOT_MODIFIED}
    ),
)
class SeriesViewSet(Conditional, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = SeriesDetail
    queryset = EventSeries.objects.none()

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return tagged(request, Response(series_detail(int(kwargs["pk"]), request)))

    @extend_schema(
        summary="Cancel the dates ahead (its organisers): those going are told",
        request=CancelIn,
        responses=SeriesCancelledOut,
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str) -> Response:
        access = get_series_for_user(user_of(request), int(pk))
        require(access.can_organise, REFUSED)
        incoming = CancelIn(data=request.data)
        incoming.is_valid(raise_exception=True)
        count = actions.cancel_series(access.series, by=user_of(request), reason=incoming.validated_data["reason"])
        return Response(SeriesCancelledOut({"called_off": count}).data)


# --- An event's open lessons ------------------------------------------------------------------


@extend_schema_view(list=extend_schema(summary="The open lessons the event holds"))
class EventLessonViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = LessonOut
    queryset = Lesson.objects.none()

    def get_queryset(self) -> QuerySet[Lesson]:
        event = get_event_for_user(user_of(self.request), event_pk(self)).event
        return lesson_rows(lessons.held_by(event))


router = Router()
router.register(rf"networks/(?P<network_pk>{ID})/events", NetworkEventViewSet, basename="network-event")
router.register("events", EventViewSet, basename="event")
router.register(rf"events/(?P<event_pk>{ID})/participants", ParticipantViewSet, basename="event-participant")
router.register(rf"events/(?P<event_pk>{ID})/attachments", AttachmentViewSet, basename="event-attachment")
router.register(rf"events/(?P<event_pk>{ID})/lessons", EventLessonViewSet, basename="event-lesson")
router.register("record-tasks", RecordTaskViewSet, basename="record-task")
router.register(rf"networks/(?P<network_pk>{ID})/series", NetworkSeriesViewSet, basename="network-series")
router.register("series", SeriesViewSet, basename="series")

urlpatterns = [path("", include(router.urls))]
