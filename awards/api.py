"""/api/v1/: awards — those a person may open, an event's awards for its organisers,
issuing and revoking them — and the verification of a document by its code, open to
anyone as the verification page is.

Every endpoint asks awards/permissions.py (and events/permissions.py for an event's
awards) as the pages do; issuing and revoking are the awards/actions.py verbs, with
the same refusals (no award before the event took place) and the recipients' notices."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, generics, mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from awards import actions
from awards.models import Award, normalise_award_code
from awards.permissions import awards_visible_to, get_award_for_user, get_revocable_award
from events.api import event_pk
from events.permissions import get_organised_event
from networks.api import user_of
from networks.forms import members_of
from ortaq.lib.api import Conditional, Moment, absolute, refusals
from ortaq.lib.api_router import ID, Router

NOT_MODIFIED = OpenApiResponse(description="Not modified: the client holds this version (If-None-Match)")


class AwardOut(serializers.ModelSerializer):
    is_revoked = serializers.BooleanField(read_only=True)
    revoked_at = Moment(read_only=True, allow_null=True)
    pdf = serializers.SerializerMethodField(help_text="The document, for its recipient and the event's organisers.")
    verification = serializers.SerializerMethodField(help_text="Its public verification page (the QR code's address).")

    class Meta:
        model = Award
        fields = [
            "id",
            "network",
            "event",
            "recipient",
            "recipient_name",
            "kind",
            "nomination",
            "reason",
            "hours",
            "title",
            "event_date",
            "language",
            "code",
            "signatory",
            "issued_on",
            "is_revoked",
            "revoked_at",
            "revoke_reason",
            "pdf",
            "verification",
        ]
        read_only_fields = fields
        extra_kwargs = {"recipient": {"help_text": "The person's id (their name as on the document: recipient_name)."}}

    def get_pdf(self, award: Award) -> str:
        return absolute(self.context.get("request"), reverse("awards:pdf", args=[award.pk]))

    def get_verification(self, award: Award) -> str:
        return absolute(self.context.get("request"), award.verification_path())


class AwardFilter(serializers.Serializer):
    event = serializers.IntegerField(required=False, min_value=1)
    network = serializers.IntegerField(required=False, min_value=1)
    kind = serializers.ChoiceField(choices=Award.Kind.choices, required=False)


class RevokeIn(serializers.Serializer):
    reason = serializers.CharField(max_length=255, help_text="Said on its verification page's record.")


@extend_schema_view(
    list=extend_schema(
        summary="Awards you may open: your own and those of the events you organise",
        parameters=[
            OpenApiParameter("event", int),
            OpenApiParameter("network", int),
            OpenApiParameter("kind", str, enum=Award.Kind.values),
        ],
    ),
    retrieve=extend_schema(summary="An award", responses={200: AwardOut, 304: NOT_MODIFIED}),
)
class AwardViewSet(Conditional, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = AwardOut
    queryset = Award.objects.none()
    cursor_ordering = ("-pk",)

    def get_queryset(self) -> QuerySet[Award]:
        incoming = AwardFilter(data=self.request.query_params)
        incoming.is_valid(raise_exception=True)
        wanted = incoming.validated_data
        return awards_visible_to(user_of(self.request)).filter(**wanted)

    def get_object(self) -> Award:
        return get_award_for_user(user_of(self.request), int(self.kwargs["pk"]))

    @extend_schema(summary="Revoke an award (the event's organisers)", request=RevokeIn, responses=AwardOut)
    @action(detail=True, methods=["post"])
    def revoke(self, request: Request, pk: str) -> Response:
        award = get_revocable_award(user_of(request), int(pk))
        incoming = RevokeIn(data=request.data)
        incoming.is_valid(raise_exception=True)
        with refusals("reason"):
            actions.revoke_award(award, by=user_of(request), reason=incoming.validated_data["reason"])
        return Response(AwardOut(award, context=self.get_serializer_context()).data)


# --- An event's awards ------------------------------------------------------------------------


class IssueIn(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Award.Kind.choices)
    nomination = serializers.CharField(
        max_length=255, required=False, allow_blank=True, default="", help_text="For a certificate of merit."
    )
    reason = serializers.CharField(
        max_length=255,
        required=False,
        allow_blank=True,
        default="",
        help_text="For a letter of thanks, in the recipient's language.",
    )
    hours = serializers.IntegerField(
        min_value=1, max_value=500, required=False, allow_null=True, default=None, help_text="For participation."
    )
    recipient = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.none(), required=False, allow_null=True, help_text="One member of the network."
    )
    everyone_present = serializers.BooleanField(
        default=False,
        help_text="Instead of a recipient: everyone marked present who has no award of this kind for the event yet.",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["everyone_present"] and attrs.get("recipient"):
            raise serializers.ValidationError(
                {"recipient": [_("Choose one recipient or everyone marked present, not both.")]}
            )
        if not attrs["everyone_present"] and not attrs.get("recipient"):
            raise serializers.ValidationError({"recipient": [_("Choose the recipient.")]})
        return attrs


class IssuedOut(serializers.Serializer):
    count = serializers.IntegerField(help_text="How many awards were issued.")
    awards = AwardOut(many=True)


@extend_schema_view(
    list=extend_schema(summary="The event's awards (its organisers)"),
    create=extend_schema(
        summary="Issue an award to one person, or to everyone present (its organisers, once it took place)",
        request=IssueIn,
        responses={201: IssuedOut},
    ),
)
class EventAwardViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    serializer_class = AwardOut
    queryset = Award.objects.none()

    def get_queryset(self) -> QuerySet[Award]:
        return get_organised_event(user_of(self.request), event_pk(self)).event.awards.all()

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        access = get_organised_event(user_of(request), event_pk(self))
        incoming = IssueIn(data=request.data)
        incoming.fields["recipient"].queryset = members_of(access.network)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        recipient, everyone = data.pop("recipient", None), data.pop("everyone_present")
        with refusals():
            if everyone:
                # Asked for explicitly (the page shows the names first): the count comes back.
                issued = actions.award_attendees(access.event, by=access.user, **data)
            else:
                issued = [actions.issue_award(access.event, recipient, by=access.user, **data)]
        body = IssuedOut({"count": len(issued), "awards": issued}, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED)


# --- Verification -----------------------------------------------------------------------------


class VerificationOut(serializers.Serializer):
    valid = serializers.BooleanField(help_text="Issued on Ortaq and not revoked.")
    code = serializers.CharField()
    recipient_name = serializers.CharField()
    revoked_on = serializers.DateField(allow_null=True)
    # What the verification page shows of a valid document only; null once revoked.
    kind = serializers.ChoiceField(choices=Award.Kind.choices, allow_null=True)
    nomination = serializers.CharField(allow_null=True)
    hours = serializers.IntegerField(allow_null=True)
    title = serializers.CharField(allow_null=True, help_text="The event on the document.")
    event_date = serializers.DateField(allow_null=True)
    network = serializers.CharField(allow_null=True, help_text="The network's name.")
    issued_on = serializers.DateField(allow_null=True)


def verification(award: Award) -> dict[str, Any]:
    valid = not award.is_revoked
    return {
        "valid": valid,
        "code": award.code,
        "recipient_name": award.recipient_name,
        "revoked_on": award.revoked_at.date() if award.revoked_at else None,
        "kind": award.kind if valid else None,
        "nomination": award.nomination if valid else None,
        "hours": award.hours if valid else None,
        "title": award.title if valid else None,
        "event_date": award.event_date if valid else None,
        "network": award.network.name if valid else None,
        "issued_on": award.issued_on if valid else None,
    }


@extend_schema(
    summary="Check a document by its code (anyone, without a token)",
    description="The code as printed or however it was typed: spaces, dashes, small letters and "
    "Cyrillic look-alikes are read as the web page reads them. Rate-limited per address.",
)
class Verify(generics.GenericAPIView):
    serializer_class = VerificationOut
    permission_classes = [permissions.AllowAny]
    pagination_class = None

    def get(self, request: Request, code: str) -> Response:
        award = Award.objects.select_related("network").filter(code=normalise_award_code(code)).first()
        if award is None:
            raise exceptions.NotFound(
                _("No document with this code was issued on Ortaq. Check the code for typing mistakes.")
            )
        response = Response(VerificationOut(verification(award)).data)
        response["X-Robots-Tag"] = "noindex"
        return response


router = Router()
router.register("awards", AwardViewSet, basename="award")
router.register(rf"events/(?P<event_pk>{ID})/awards", EventAwardViewSet, basename="event-award")

urlpatterns = [
    path("awards/verify/<str:code>/", Verify.as_view(), name="award-verify"),
    path("", include(router.urls)),
]
