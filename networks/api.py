"""/api/v1/networks/: a network's charter, schools, figures, members and groups.

Every endpoint asks networks/permissions.py exactly as the pages do: outsiders 404,
read-only members 403, lists from ``visible_to``."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import include, path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from networks import actions
from networks.audiences import people_visible_to
from networks.models import CHARTER_FIELDS, Group, GroupTask, Membership, Network, NetworkSchool, Role
from networks.people import TypedQuery
from networks.permissions import (
    REFUSED,
    get_group_for_user,
    get_network_access,
    may_create_network,
)
from ortaq.lib.access import require
from ortaq.lib.api import Conditional, Conflict, VersionField
from ortaq.lib.api_router import ID, Router
from ortaq.lib.editing import StaleEdit
from schools.models import School


def user_of(request: Request) -> User:
    return request.user


def network_pk(view: Any) -> int:
    try:
        pk = int(view.kwargs["network_pk"])
    except (KeyError, ValueError):
        raise exceptions.NotFound from None
    if pk > 2**63 - 1:  # no key is this long, and the database refuses to compare with it
        raise exceptions.NotFound
    return pk


# --- Networks ------------------------------------------------------------------------------


class KindShareOut(serializers.Serializer):
    kind = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    share = serializers.FloatField(allow_null=True)


class IndicatorsOut(serializers.Serializer):
    schools = serializers.IntegerField()
    teachers = serializers.IntegerField()
    certified = serializers.IntegerField()
    by_kind = KindShareOut(many=True)


class NetworkSchoolOut(serializers.ModelSerializer):
    id = serializers.IntegerField(source="school_id", read_only=True)
    name = serializers.CharField(source="school.name", read_only=True)
    district = serializers.CharField(source="school.district.name", read_only=True, default="")

    class Meta:
        model = NetworkSchool
        fields = ["id", "name", "district", "role", "joined_on"]


class NetworkSerializer(serializers.ModelSerializer):
    version = VersionField()

    class Meta:
        model = Network
        fields = [
            "id",
            "name",
            "kind",
            *[name for name in CHARTER_FIELDS if name != "name"],
            "charter_language",
            "translations",
            "is_listed",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "translations", "created_at", "updated_at"]


class NetworkDetail(NetworkSerializer):
    schools = serializers.SerializerMethodField()
    indicators = serializers.SerializerMethodField()

    class Meta(NetworkSerializer.Meta):
        fields = [*NetworkSerializer.Meta.fields, "schools", "indicators"]

    @extend_schema_field(NetworkSchoolOut(many=True))
    def get_schools(self, network: Network) -> list[dict[str, Any]]:
        links = network.school_links.select_related("school__district").order_by("-role", "school__name", "pk")
        return NetworkSchoolOut(links, many=True).data

    @extend_schema_field(IndicatorsOut)
    def get_indicators(self, network: Network) -> dict[str, Any]:
        figures = network.indicators()
        return IndicatorsOut(figures).data


@extend_schema_view(
    list=extend_schema(summary="Networks you belong to or oversee"),
    retrieve=extend_schema(summary="A network: charter, schools and figures", responses=NetworkDetail),
    create=extend_schema(summary="Start a network (you become its leader)"),
    partial_update=extend_schema(summary="Change the charter (leaders)", responses=NetworkDetail),
)
class NetworkViewSet(
    Conditional,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    http_method_names = ["get", "post", "patch", "head", "options"]
    queryset = Network.objects.none()

    def get_serializer_class(self) -> type[serializers.Serializer]:
        return NetworkSerializer if self.action in {"list", "create"} else NetworkDetail

    def get_queryset(self) -> QuerySet[Network]:
        return Network.objects.visible_to(user_of(self.request)).order_by("pk")

    def get_object(self) -> Network:
        access = get_network_access(user_of(self.request), int(self.kwargs["pk"]))
        if self.request.method not in ("GET", "HEAD", "OPTIONS"):
            require(access.can_manage, REFUSED)
        return access.network

    def perform_create(self, serializer: serializers.Serializer) -> None:
        require(may_create_network(user_of(self.request)), _("You may not start a network."))
        data = dict(serializer.validated_data)
        data.pop("version", None)
        serializer.instance = actions.create_network(by=user_of(self.request), **data)

    def perform_update(self, serializer: serializers.Serializer) -> None:
        network: Network = serializer.instance
        data = dict(serializer.validated_data)
        opened = data.pop("version", None)
        for name, value in data.items():
            setattr(network, name, value)
        try:
            actions.save_charter(network, version=opened)
        except StaleEdit:
            raise Conflict from None


# --- Schools of a network ---------------------------------------------------------------


class NetworkSchoolIn(serializers.Serializer):
    school = serializers.PrimaryKeyRelatedField(queryset=School.objects.all())
    leading = serializers.BooleanField(default=False)


@extend_schema_view(
    list=extend_schema(summary="The network's schools"),
    create=extend_schema(summary="Add a school (leaders)", request=NetworkSchoolIn, responses=NetworkSchoolOut),
    destroy=extend_schema(summary="Remove a school (leaders)"),
)
class NetworkSchoolViewSet(mixins.ListModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    serializer_class = NetworkSchoolOut
    lookup_field = "school_id"
    lookup_url_kwarg = "pk"
    queryset = NetworkSchool.objects.none()

    def access(self) -> Any:
        access = get_network_access(user_of(self.request), network_pk(self))
        if self.request.method not in ("GET", "HEAD", "OPTIONS"):
            require(access.can_manage, REFUSED)
        return access

    def get_queryset(self) -> QuerySet[NetworkSchool]:
        network = self.access().network
        return network.school_links.select_related("school__district")

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        network = self.access().network
        incoming = NetworkSchoolIn(data=request.data)
        incoming.is_valid(raise_exception=True)
        link = actions.add_school(
            network, incoming.validated_data["school"], leading=incoming.validated_data["leading"]
        )
        link = NetworkSchool.objects.select_related("school__district").get(pk=link.pk)
        return Response(NetworkSchoolOut(link).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance: NetworkSchool) -> None:
        actions.remove_school(instance.network, instance.school)


# --- Members -------------------------------------------------------------------------------


class PersonRef(serializers.ModelSerializer):
    school = serializers.CharField(source="school.name", default="", read_only=True)

    class Meta:
        model = User
        fields = ["id", "full_name", "school"]


class MembershipSerializer(serializers.ModelSerializer):
    person = PersonRef(source="user", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "person", "role", "joined_at"]
        read_only_fields = ["id", "person", "joined_at"]


@extend_schema_view(
    list=extend_schema(
        summary="The network's members",
        parameters=[
            OpenApiParameter("q", str, description="Words of the name, school or role"),
            OpenApiParameter("role", str, enum=Role.values),
            OpenApiParameter("school", int),
        ],
    ),
    retrieve=extend_schema(summary="A member"),
    partial_update=extend_schema(summary="Change a member's role (organisers)"),
    destroy=extend_schema(summary="Remove a member (organisers), or leave the network (yourself)"),
)
class MembershipViewSet(
    Conditional,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = MembershipSerializer
    http_method_names = ["get", "patch", "delete", "head", "options"]
    queryset = Membership.objects.none()

    def access(self) -> Any:
        return get_network_access(user_of(self.request), network_pk(self))

    def get_queryset(self) -> QuerySet[Membership]:
        network = self.access().network
        memberships = network.memberships.select_related("user__school")
        params = self.request.query_params
        if params.get("role") in Role.values:
            memberships = memberships.filter(role=params["role"])
        if re.fullmatch(ID, str(params.get("school", ""))):
            memberships = memberships.filter(user__school_id=int(params["school"]))
        text = " ".join(str(params.get("q", "")).split())[:100]
        if text:
            query = TypedQuery(text)
            roles = {value: str(label) for value, label in Role.choices}
            rows = memberships.values_list("pk", "user__full_name", "user__school__name", "role")
            memberships = memberships.filter(
                pk__in=[pk for pk, name, school, role in rows if query.matches(name, school or "", roles.get(role, ""))]
            )
        return memberships

    def get_object(self) -> Membership:
        access = self.access()
        membership = get_object_or_404(
            Membership.objects.select_related("user__school"), pk=self.kwargs["pk"], network=access.network
        )
        self.network_access = access
        return membership

    def perform_update(self, serializer: serializers.Serializer) -> None:
        membership: Membership = serializer.instance
        role = serializer.validated_data.get("role", membership.role)
        require(self.network_access.can_change_role_of(membership, role), REFUSED)
        try:
            actions.change_role(membership, role)
        except DjangoValidationError as error:
            raise exceptions.ValidationError({"role": error.messages}) from None

    def perform_destroy(self, instance: Membership) -> None:
        leaving = instance.user_id == user_of(self.request).pk
        require(leaving or self.network_access.can_manage_member(instance), REFUSED)
        try:
            actions.remove_member(instance)
        except DjangoValidationError as error:
            raise exceptions.ValidationError({"detail": error.messages}) from None


# --- Groups --------------------------------------------------------------------------------


class GroupTaskSerializer(serializers.ModelSerializer):
    class Meta:
        model = GroupTask
        fields = ["id", "title", "is_done", "position", "created_at"]
        read_only_fields = ["id", "created_at"]


class GroupSerializer(serializers.ModelSerializer):
    leader = PersonRef(read_only=True, allow_null=True)
    leader_id = serializers.PrimaryKeyRelatedField(
        source="leader", queryset=User.objects.none(), required=False, allow_null=True, write_only=True
    )
    member_ids = serializers.PrimaryKeyRelatedField(
        source="members", queryset=User.objects.none(), many=True, required=False
    )
    tasks = GroupTaskSerializer(many=True, read_only=True)

    class Meta:
        model = Group
        fields = ["id", "name", "kind", "description", "leader", "leader_id", "member_ids", "tasks", "created_at"]
        read_only_fields = ["id", "created_at"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        network = self.context.get("network")
        request = self.context.get("request")
        if network is not None and request is not None:
            # Only the network's members the person may see can be chosen (as in the pickers).
            people = people_visible_to(request.user).filter(memberships__network=network)
            self.fields["leader_id"].queryset = people
            self.fields["member_ids"].child_relation.queryset = people

    def validate_name(self, name: str) -> str:
        network = self.context["network"]
        taken = network.groups.filter(name=name)
        if self.instance is not None:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise serializers.ValidationError(_("The network already has a group with this name."))
        return name


@extend_schema_view(
    list=extend_schema(summary="The network's groups"),
    retrieve=extend_schema(summary="A group with its members and tasks"),
    create=extend_schema(summary="Form a group (organisers)"),
    partial_update=extend_schema(summary="Change a group (organisers, its leader)"),
    destroy=extend_schema(summary="Delete a group with its tasks (organisers)"),
)
class GroupViewSet(
    Conditional,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = GroupSerializer
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    queryset = Group.objects.none()

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        self.network_access = get_network_access(user_of(request), network_pk(self))

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        if hasattr(self, "network_access"):
            context["network"] = self.network_access.network
        return context

    def get_queryset(self) -> QuerySet[Group]:
        return (
            self.network_access.network.groups.select_related("leader__school")
            .prefetch_related("tasks", "members")
            .order_by("pk")
        )

    def get_object(self) -> Group:
        group_access = get_group_for_user(user_of(self.request), network_pk(self), int(self.kwargs["pk"]))
        if self.request.method == "PATCH":
            require(group_access.can_manage, REFUSED)
        elif self.request.method == "DELETE":
            require(self.network_access.can_organise, REFUSED)
        return (
            Group.objects.select_related("leader__school")
            .prefetch_related("tasks", "members")
            .get(pk=group_access.group.pk)
        )

    @transaction.atomic
    def perform_create(self, serializer: serializers.Serializer) -> None:
        require(self.network_access.can_organise, REFUSED)
        members = serializer.validated_data.pop("members", [])
        group = serializer.save(network=self.network_access.network)
        actions.set_group_members(group, list(members))

    @transaction.atomic
    def perform_update(self, serializer: serializers.Serializer) -> None:
        members = serializer.validated_data.pop("members", None)
        group = serializer.save()
        if members is not None:
            actions.set_group_members(group, list(members))

    def perform_destroy(self, instance: Group) -> None:
        actions.delete_group(instance)


router = Router()
router.register("networks", NetworkViewSet, basename="network")
router.register(rf"networks/(?P<network_pk>{ID})/schools", NetworkSchoolViewSet, basename="network-school")
router.register(rf"networks/(?P<network_pk>{ID})/members", MembershipViewSet, basename="network-member")
router.register(rf"networks/(?P<network_pk>{ID})/groups", GroupViewSet, basename="network-group")

urlpatterns = [path("", include(router.urls))]
