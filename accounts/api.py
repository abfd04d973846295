"""``/api/v1/me/``: the person the token or
session belongs to, their profile and certifications."""

from __future__ import annotations

from typing import Any

from django.urls import path
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers

from accounts.models import Certification, User
from schools.models import School
from subjects.models import Subject


class TokenAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "accounts.authentication.TokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "http", "scheme": "bearer", "description": "A personal token from the profile page."}


class SchoolRef(serializers.ModelSerializer):
    class Meta:
        model = School
        fields = ["id", "name"]


class CertificationOut(serializers.ModelSerializer):
    label = serializers.CharField(read_only=True)

    class Meta:
        model = Certification
        fields = ["id", "kind", "level", "title", "label", "year"]


class MeSerializer(serializers.ModelSerializer):
    school = SchoolRef(read_only=True, allow_null=True)
    school_id = serializers.PrimaryKeyRelatedField(
        source="school", queryset=School.objects.all(), required=False, allow_null=True, write_only=True
    )
    subjects = serializers.PrimaryKeyRelatedField(queryset=Subject.objects.all(), many=True, required=False)
    certifications = CertificationOut(many=True, read_only=True)

    class Meta:
        model = User
        fields = [
            "id",
            "email",
            "full_name",
            "language",
            "school",
            "school_id",
            "position",
            "category",
            "subjects",
            "certifications",
        ]
        read_only_fields = ["id", "email"]


@extend_schema(tags=["me"])
class Me(generics.RetrieveUpdateAPIView):
    """The person signed in: read and change their profile (as on the profile page)."""

    serializer_class = MeSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_object(self) -> User:
        user = self.request.user
        return User.objects.select_related("school").prefetch_related("subjects", "certifications").get(pk=user.pk)


urlpatterns = [path("me/", Me.as_view(), name="me")]
