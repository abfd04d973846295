"""/api/v1/: the library (әдістемелік қоржын) — materials with their versions and
files, comments, «useful» marks and collections.

Every endpoint asks materials/permissions.py as the pages do: a material of a network
is 404 to outsiders, a group's to people outside the group, a hidden one to all but
its authors and the network's organisers; changing someone else's material is 403.
What is sent is checked by the pages' own forms (materials/forms.py: the metadata,
and every file by its content, size and pixels through ortaq/lib/uploads.py), and
every change is a verb of materials/actions.py, in its transaction with its search
update. Files are downloaded through the library's own permission-checked file view.

Anonymous reads: a public material is for anyone with its link, as its page is, so
a material, its versions and files, its comments and a public collection are read
without signing in (the rate is then per address). Anything else — a list, a
material that is not public, every change — answers 401 without sign-in, as the
pages send a visitor to sign in. An API read counts no view: a script reading the
library is not a teacher opening a lesson plan (downloads count at the file view)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import include, path, reverse
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import exceptions, mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from accounts.api import PersonOut
from accounts.models import User
from materials import actions
from materials.forms import (
    MAX_OBJECTIVES,
    MAX_TAGS,
    CollectionForm,
    CommentForm,
    EditMaterialForm,
    LibraryFilterForm,
    MaterialForm,
    VersionForm,
)
from materials.models import (
    GRADES,
    OBJECTIVE_MAX_LENGTH,
    TAG_MAX_LENGTH,
    Authorship,
    Collection,
    CollectionItem,
    Comment,
    Material,
    MaterialFile,
    MaterialQuerySet,
    MaterialVersion,
)
from materials.permissions import (
    REFUSED,
    MaterialAccess,
    get_collection_access,
    get_comment_for_user,
    get_editable_collection,
    get_editable_material,
    get_library_access,
    get_material_access,
    require_publisher,
)
from materials.views import collection_items, listed, require_taking_part
from networks.audiences import Visibility
from networks.models import Network
from ortaq.lib.access import require
from ortaq.lib.api import (
    Conditional,
    Conflict,
    IdField,
    KeepsNothing,
    TokenScope,
    VersionField,
    checked,
    form_errors,
    refusals,
    valid,
)
from ortaq.lib.api_router import ID, Router
from ortaq.lib.editing import StaleEdit
from search.query import MAX_LIMIT, Filters, search

# The pages of results a search offers, as the search page does (search/forms.py).
MAX_PAGE = 50


def user_of(request: Request) -> User:
    return request.user


def absolute(request: Request, address: str) -> str:
    return request.build_absolute_uri(address)


def signed_in_or_404(request: Request, find: Any, pk: int) -> Any:
    """``find(user, pk)`` — a thing public ones of which anyone may read — or, for a
    visitor who is not signed in, 401 where a person might see it (the page sends
    them to sign in), instead of telling them it does not exist."""
    try:
        return find(request.user, pk)
    except Http404:
        if not request.user.is_authenticated:
            raise exceptions.NotAuthenticated from None
        raise


class PublicReads:
    """The reads named in ``public_actions`` take no sign-in (public materials and
    collections are for anyone with the link); everything else needs it."""

    public_actions: frozenset[str] = frozenset()
    action: str | None

    def get_permissions(self) -> list[Any]:
        if self.action in self.public_actions:
            return [permissions.IsAuthenticatedOrReadOnly(), TokenScope()]
        return super().get_permissions()  # type: ignore[misc]


class VersionSent(KeepsNothing, VersionForm):
    pass


# --- What is shown -----------------------------------------------------------------------


class SubjectOut(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField(help_text="In the language of Accept-Language")


class SchoolOut(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class FileOut(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()
    thumbnail_url = serializers.SerializerMethodField()

    class Meta:
        model = MaterialFile
        fields = ["id", "name", "mime", "family", "size", "url", "download_url", "thumbnail_url"]

    @extend_schema_field(serializers.URLField(help_text="The file through the library's permission-checked view"))
    def get_url(self, file: MaterialFile) -> str:
        return absolute(self.context["request"], reverse("materials:file", args=[file.pk]))

    @extend_schema_field(serializers.URLField(help_text="The same, as an attachment (counts a download)"))
    def get_download_url(self, file: MaterialFile) -> str:
        return absolute(self.context["request"], reverse("materials:file", args=[file.pk]) + "?download=1")

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_thumbnail_url(self, file: MaterialFile) -> str | None:
        if not file.thumbnail:
            return None
        return absolute(self.context["request"], reverse("materials:thumbnail", args=[file.pk]))


class VersionOut(serializers.ModelSerializer):
    created_by = PersonOut(allow_null=True)
    link = serializers.CharField(help_text="A link to the material elsewhere, or empty")
    files = FileOut(many=True)

    class Meta:
        model = MaterialVersion
        fields = ["id", "number", "note", "link", "created_by", "created_at", "files"]


class MaterialOut(serializers.ModelSerializer):
    network = serializers.IntegerField(source="network_id")
    subject = SubjectOut(allow_null=True)
    grades = serializers.ListField(child=serializers.IntegerField(min_value=0, max_value=11))
    group = serializers.IntegerField(source="group_id", allow_null=True)
    authors = serializers.SerializerMethodField()
    is_hidden = serializers.BooleanField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Material
        fields = [
            *("id", "network", "title", "kind", "subject", "grades", "language", "visibility", "group", "licence"),
            *("authors", "is_hidden", "useful_count", "view_count", "download_count", "created_at", "updated_at"),
            "url",
        ]

    @extend_schema_field(PersonOut(many=True))
    def get_authors(self, material: Material) -> list[dict[str, Any]]:
        return PersonOut(material.author_list(), many=True).data

    @extend_schema_field(serializers.URLField(help_text="The material's page"))
    def get_url(self, material: Material) -> str:
        return absolute(self.context["request"], material.get_absolute_url())


class MaterialDetail(MaterialOut):
    school = SchoolOut(allow_null=True)
    description_html = serializers.CharField(help_text="The description as the page shows it: rendered and sanitized")
    licence_url = serializers.CharField()
    objective_codes = serializers.SerializerMethodField()
    tags = serializers.SerializerMethodField()
    current_version = serializers.IntegerField(source="current_version_id", allow_null=True)
    versions = serializers.SerializerMethodField()
    version = serializers.IntegerField(
        help_text="Of the metadata (not the files): send it back with a change; an older one is refused (409)"
    )

    class Meta(MaterialOut.Meta):
        fields = [
            *MaterialOut.Meta.fields,
            *("school", "description", "description_html", "licence_url", "objective_codes", "tags"),
            *("current_version", "versions", "version"),
        ]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_objective_codes(self, material: Material) -> list[str]:
        return self.codes_and_tags(material)[0]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_tags(self, material: Material) -> list[str]:
        return self.codes_and_tags(material)[1]

    def codes_and_tags(self, material: Material) -> tuple[list[str], list[str]]:
        if not hasattr(material, "_codes_and_tags"):
            material._codes_and_tags = material.codes_and_tags()  # type: ignore[attr-defined]
        return material._codes_and_tags  # type: ignore[attr-defined]

    @extend_schema_field(VersionOut(many=True))
    def get_versions(self, material: Material) -> list[dict[str, Any]]:
        versions = material.versions.select_related("created_by").prefetch_related("files")
        return VersionOut(versions, many=True, context=self.context).data


class CommentOut(serializers.ModelSerializer):
    author = PersonOut()
    body_html = serializers.CharField(help_text="The comment as the page shows it: rendered and sanitized")
    is_hidden = serializers.BooleanField()

    class Meta:
        model = Comment
        fields = ["id", "material", "author", "body", "body_html", "created_at", "is_hidden"]


class UsefulOut(serializers.Serializer):
    useful = serializers.BooleanField(help_text="You marked it useful")
    useful_count = serializers.IntegerField()


class CollectionOut(serializers.ModelSerializer):
    network = serializers.IntegerField(source="network_id")
    group = serializers.IntegerField(source="group_id", allow_null=True)
    created_by = PersonOut(allow_null=True)
    description_html = serializers.CharField(help_text="Rendered and sanitized, as the page shows it")
    url = serializers.SerializerMethodField()

    class Meta:
        model = Collection
        fields = [
            *("id", "network", "title", "description", "description_html", "visibility", "group", "created_by"),
            *("created_at", "updated_at", "url"),
        ]

    @extend_schema_field(serializers.URLField(help_text="The collection's page"))
    def get_url(self, collection: Collection) -> str:
        return absolute(self.context["request"], collection.get_absolute_url())


class ItemOut(serializers.ModelSerializer):
    material = MaterialOut()

    class Meta:
        model = CollectionItem
        fields = ["id", "position", "note", "material"]


class CollectionDetail(CollectionOut):
    items = serializers.SerializerMethodField(help_text="The materials you may open, in order")

    class Meta(CollectionOut.Meta):
        fields = [*CollectionOut.Meta.fields, "items"]

    @extend_schema_field(ItemOut(many=True))
    def get_items(self, collection: Collection) -> list[dict[str, Any]]:
        items = collection_items(self.context["request"].user, collection)
        return ItemOut(items, many=True, context=self.context).data


# --- What is sent (the pages' forms check it again, as on the pages) -------------------------

FILES_HELP = "Multipart only: documents, presentations, pictures, audio or video, each checked by its content"


class MaterialFields(serializers.Serializer):
    """A material's own fields, as its form takes them."""

    title = serializers.CharField(max_length=255, required=False)
    kind = serializers.ChoiceField(choices=Material.Kind.choices, required=False)
    subject = IdField(required=False, allow_null=True)
    grades = serializers.ListField(
        child=serializers.IntegerField(min_value=min(GRADES), max_value=max(GRADES)), required=False
    )
    language = serializers.ChoiceField(choices=Material.Language.choices, required=False)
    objective_codes = serializers.ListField(
        child=serializers.CharField(max_length=OBJECTIVE_MAX_LENGTH), required=False, max_length=MAX_OBJECTIVES
    )
    tags = serializers.ListField(
        child=serializers.CharField(max_length=TAG_MAX_LENGTH), required=False, max_length=MAX_TAGS
    )
    coauthors = serializers.ListField(child=IdField(), required=False, help_text="Members of the network, by id")
    school = IdField(required=False, allow_null=True)
    visibility = serializers.ChoiceField(choices=Visibility.choices, required=False)
    group = IdField(required=False, allow_null=True, help_text="Only with the visibility «group»")
    licence = serializers.ChoiceField(choices=Material.Licence.choices, required=False)
    description = serializers.CharField(
        max_length=20000, required=False, allow_blank=True, trim_whitespace=False, help_text="Markdown"
    )


class MaterialChange(MaterialFields):
    version = VersionField()


class MaterialIn(MaterialFields):
    """What the page's «Share a material» form takes; what is not sent is what that
    form holds before anything is typed (its defaults: a lesson plan in Kazakh for the
    network, CC BY)."""

    title = serializers.CharField(max_length=255, allow_blank=True, help_text="Required (the form says so)")
    files = serializers.ListField(child=serializers.FileField(), required=False, help_text=FILES_HELP)
    link = serializers.URLField(max_length=500, required=False, allow_blank=True, help_text="Or instead of files")


class VersionIn(serializers.Serializer):
    files = serializers.ListField(child=serializers.FileField(), required=False, help_text=FILES_HELP)
    link = serializers.URLField(max_length=500, required=False, allow_blank=True, help_text="Or instead of files")
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, help_text="What changed")


class CommentIn(serializers.Serializer):
    body = serializers.CharField(max_length=5000, help_text="Markdown")


class HidingIn(serializers.Serializer):
    hidden = serializers.BooleanField(help_text="true: only its authors and the organisers see it; false: shown again")


class CollectionChange(serializers.Serializer):
    title = serializers.CharField(max_length=255, required=False)
    description = serializers.CharField(max_length=10000, required=False, allow_blank=True, help_text="Markdown")
    visibility = serializers.ChoiceField(choices=Visibility.choices, required=False)
    group = IdField(required=False, allow_null=True)


class CollectionIn(CollectionChange):
    title = serializers.CharField(max_length=255)


class ItemIn(serializers.Serializer):
    material = IdField()
    note = serializers.CharField(max_length=300, required=False, allow_blank=True)


class ItemMoveIn(serializers.Serializer):
    direction = serializers.ChoiceField(choices=["up", "down"])


def as_sent(form: Any) -> dict[str, Any]:
    """What a page's form sends when nothing is changed in it: the values it was opened
    with. A change sent to the API goes on top of them, through the same form."""
    return {name: form[name].value() for name in form.fields}


def form_values(sent: dict[str, Any]) -> dict[str, Any]:
    """The API's values as the page's form takes them: lists of codes and tags as the
    text a person types, an empty choice as an empty field."""
    values = dict(sent)
    for name in ("objective_codes", "tags"):
        if name in values:
            values[name] = ", ".join(values[name])
    for name in ("subject", "school", "group"):
        if name in values and values[name] is None:
            values[name] = ""
    return values


# --- Materials -----------------------------------------------------------------------------

FILTERS = [
    OpenApiParameter("q", str, description="Words, found by the site's search as the library's keyword box does"),
    OpenApiParameter("page", int, description=f"With q: the page of results (1–{MAX_PAGE})"),
    OpenApiParameter("subject", str, description="A subject's code"),
    OpenApiParameter("grade", int, enum=list(GRADES)),
    OpenApiParameter("kind", str, enum=Material.Kind.values),
    OpenApiParameter("language", str, enum=Material.Language.values),
    OpenApiParameter("objective", str, description="A learning objective's code, or the start of one (7.2.1)"),
    OpenApiParameter("tag", str),
]


class Library:
    """A list of materials with the library page's filters, newest first and paged by
    cursor; with ``q``, the site's search ranks them (the library page's keyword box),
    the filters it knows narrowing it and the others each page."""

    request: Request
    cursor_ordering = ("-created_at", "-pk")
    serializer_class = MaterialOut

    def filters(self) -> LibraryFilterForm:
        if not hasattr(self, "_filters"):
            self._filters = self.filter_form()
        return self._filters

    def filter_form(self) -> LibraryFilterForm:
        return LibraryFilterForm(self.request.query_params)

    def network_id(self, filters: LibraryFilterForm) -> int | None:
        raise NotImplementedError

    def materials(self) -> MaterialQuerySet:
        raise NotImplementedError

    def get_queryset(self) -> QuerySet[Material]:
        return listed(self.filters().apply(self.materials()))

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        words = " ".join(str(request.query_params.get("q", "")).split())
        if not words:
            return super().list(request, *args, **kwargs)  # type: ignore[misc]
        filters = self.filters()
        values = filters.values()
        page = bounded(request.query_params.get("page"), 1, MAX_PAGE, 1)
        size = bounded(request.query_params.get("page_size"), 1, MAX_LIMIT, 20)
        found = search(
            user_of(request),
            words,
            Filters(
                kinds=("material",),  # the library's keyword box sends kind=material
                network_id=self.network_id(filters),
                subject_id=values["subject"].pk if "subject" in values else None,
                grade=values.get("grade"),
                material_kind=values.get("kind"),
                language=values.get("language"),
            ),
            limit=size,
            offset=(page - 1) * size,
        )
        ids = [hit.object_id for hit in found.hits]
        rows = {material.pk: material for material in self.get_queryset().filter(pk__in=ids)}
        here = remove_query_param(request.build_absolute_uri(), "cursor")
        results = MaterialOut([rows[pk] for pk in ids if pk in rows], many=True, context={"request": request}).data
        return Response(
            {
                "next": replace_query_param(here, "page", page + 1) if found.has_next and page < MAX_PAGE else None,
                "previous": replace_query_param(here, "page", page - 1) if page > 1 else None,
                "results": results,
            }
        )


def with_authors(material: Material) -> Material:
    """The material with its authors read in one query (its page reads them so too)."""
    prefetch_related_objects([material], Prefetch("authorships", queryset=Authorship.objects.select_related("user")))
    return material


def bounded(value: Any, low: int, high: int, default: int) -> int:
    text = str(value or "")
    return min(max(int(text), low), high) if text.isdigit() and len(text) < 6 else default


@extend_schema(tags=["library"])
@extend_schema_view(
    list=extend_schema(
        summary="The materials of all your networks, newest first (the library's home)",
        parameters=[*FILTERS, OpenApiParameter("network", int, description="Only this network's")],
    ),
    retrieve=extend_schema(summary="A material with its versions and files (a public one: no sign-in needed)"),
    partial_update=extend_schema(
        summary="Change a material's description (its authors and the network's organisers)",
        request=MaterialChange,
        responses=MaterialDetail,
    ),
    destroy=extend_schema(summary="Delete a material with its versions, files and comments (authors, organisers)"),
)
class MaterialViewSet(
    PublicReads,
    Library,
    Conditional,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Materials: the library of all your networks, and each material as its page shows it."""

    queryset = Material.objects.none()
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    public_actions = frozenset({"retrieve"})

    def get_serializer_class(self) -> type[serializers.Serializer]:
        return MaterialOut if self.action == "list" else MaterialDetail

    def filter_form(self) -> LibraryFilterForm:
        networks = Network.objects.visible_to(user_of(self.request))
        return LibraryFilterForm(self.request.query_params, networks=networks)

    def network_id(self, filters: LibraryFilterForm) -> int | None:
        network = filters.values().get("network")
        return network.pk if network is not None else None

    def materials(self) -> MaterialQuerySet:
        user = user_of(self.request)
        return Material.objects.visible_to(user).filter(network__in=Network.objects.visible_to(user).values("pk"))

    def access(self) -> MaterialAccess:
        if not hasattr(self, "_access"):
            self._access = signed_in_or_404(self.request, get_material_access, int(self.kwargs["pk"]))
        return self._access

    def get_object(self) -> Material:
        return with_authors(self.access().material)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = user_of(request)
        access = get_editable_material(user, int(kwargs["pk"]))
        material = access.material
        change = form_values(checked(MaterialChange, request.data))
        version = change.pop("version", None)
        options: dict[str, Any] = {"network": material.network, "user": user, "organiser": access.can_moderate}
        opened = EditMaterialForm(instance=material, **options)
        form = EditMaterialForm({**as_sent(opened), **change}, instance=material, **options)
        valid(form)
        try:
            with refusals():
                actions.update_material(form.save(commit=False), version=version, **form.lists())
        except StaleEdit:
            raise Conflict from None
        return Response(self.get_serializer(with_authors(get_material_access(user, material.pk).material)).data)

    def perform_destroy(self, instance: Material) -> None:
        require(self.access().can_edit, REFUSED)
        actions.delete_material(instance)

    @extend_schema(
        summary="Hide the material from all but its authors and the organisers, or show it again (organisers)",
        request=HidingIn,
    )
    @action(detail=True, methods=["post"])
    def hide(self, request: Request, pk: str) -> Response:
        access = self.access()
        require(access.can_moderate, REFUSED)
        actions.hide_material(access.material, by=user_of(request), hidden=checked(HidingIn, request.data)["hidden"])
        return Response(self.get_serializer(with_authors(access.material)).data)

    @extend_schema(methods=["POST"], summary="Mark the material useful", request=None)
    @extend_schema(methods=["DELETE"], summary="Take your «useful» mark back", request=None)
    @extend_schema(responses=UsefulOut)
    @action(detail=True, methods=["post", "delete"])
    def useful(self, request: Request, pk: str) -> Response:
        access = self.access()
        require_taking_part(access)
        useful = request.method == "POST"
        count = actions.mark_useful(access.material, user_of(request), useful=useful)
        return Response({"useful": useful, "useful_count": count})


@extend_schema(tags=["library"])
@extend_schema_view(
    list=extend_schema(summary="A network's library, newest first", parameters=FILTERS),
    create=extend_schema(
        summary="Share a material with its first version (the network's members)",
        request={"multipart/form-data": MaterialIn, "application/json": MaterialIn},
        responses={201: MaterialDetail},
    ),
)
class NetworkMaterials(Library, mixins.ListModelMixin, viewsets.GenericViewSet):
    """A network's library."""

    queryset = Material.objects.none()

    def network_access(self) -> Any:
        if not hasattr(self, "_network_access"):
            self._network_access = get_library_access(user_of(self.request), int(self.kwargs["network_pk"]))
        return self._network_access

    def network_id(self, filters: LibraryFilterForm) -> int | None:
        return int(self.network_access().network.pk)

    def materials(self) -> MaterialQuerySet:
        network = self.network_access().network
        return Material.objects.visible_to(user_of(self.request)).filter(network=network)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        access = self.network_access()
        require_publisher(access)
        user = user_of(request)
        sent = form_values(checked(MaterialIn, request.data))
        files = MultiValueDict({"files": sent.pop("files", [])})
        link = sent.pop("link", "")
        options: dict[str, Any] = {"network": access.network, "user": user, "organiser": access.can_organise}
        form = MaterialForm({**as_sent(MaterialForm(**options)), **sent}, **options)
        version_form = VersionSent({"link": link}, files, first=True, owner=user)
        metadata_ok, files_ok = form.is_valid(), version_form.is_valid()  # both checked: each says what is wrong
        if not (metadata_ok and files_ok):
            raise exceptions.ValidationError({**form_errors(form.errors), **form_errors(version_form.errors)})
        try:
            with refusals():
                material = actions.publish_material(
                    access.network,
                    by=user,
                    files=version_form.cleaned_data["files"],
                    link=version_form.cleaned_data["link"],
                    **form.lists(),
                    **form.material_fields(),
                )
        except OSError:
            raise exceptions.ValidationError(
                {"files": [_("The files could not be saved. Nothing was published; please try again.")]}
            ) from None
        shown = with_authors(get_material_access(user, material.pk).material)
        return Response(
            MaterialDetail(shown, context=self.get_serializer_context()).data, status=status.HTTP_201_CREATED
        )


# --- Versions and comments --------------------------------------------------------------


class OfMaterial(PublicReads):
    """A list of one material's things, read by whoever may read the material."""

    kwargs: dict[str, Any]
    request: Request
    public_actions = frozenset({"list"})

    def material_access(self) -> MaterialAccess:
        if not hasattr(self, "_material_access"):
            self._material_access = signed_in_or_404(self.request, get_material_access, int(self.kwargs["material_pk"]))
        return self._material_access


@extend_schema(tags=["library"])
@extend_schema_view(
    list=extend_schema(summary="The material's versions with their files, newest first"),
    create=extend_schema(
        summary="Add a new current version (authors, organisers); the old ones keep their files",
        request={"multipart/form-data": VersionIn, "application/json": VersionIn},
        responses={201: VersionOut},
    ),
)
class MaterialVersions(OfMaterial, mixins.ListModelMixin, viewsets.GenericViewSet):
    """A material's versions."""

    serializer_class = VersionOut
    queryset = MaterialVersion.objects.none()
    cursor_ordering = ("-number",)

    def get_queryset(self) -> QuerySet[MaterialVersion]:
        material = self.material_access().material
        return material.versions.select_related("created_by").prefetch_related("files")

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = user_of(request)
        material = get_editable_material(user, int(kwargs["material_pk"])).material
        sent = checked(VersionIn, request.data)
        form = VersionSent(
            {"link": sent.get("link", ""), "note": sent.get("note", "")},
            MultiValueDict({"files": sent.get("files", [])}),
            owner=user,
        )
        cleaned = valid(form)
        try:
            version = actions.add_version(
                material, by=user, files=cleaned["files"], link=cleaned["link"], note=cleaned["note"]
            )
        except OSError:
            raise exceptions.ValidationError(
                {"files": [_("The files could not be saved. Nothing was changed; please try again.")]}
            ) from None
        shown = MaterialVersion.objects.select_related("created_by").prefetch_related("files").get(pk=version.pk)
        return Response(VersionOut(shown, context=self.get_serializer_context()).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["library"])
@extend_schema_view(
    list=extend_schema(summary="The material's comments, oldest first (hidden ones: the organisers only)"),
    create=extend_schema(summary="Comment (the network's people)", request=CommentIn, responses={201: CommentOut}),
    destroy=extend_schema(summary="Delete your comment"),
)
class MaterialComments(OfMaterial, mixins.ListModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """A material's comments."""

    serializer_class = CommentOut
    queryset = Comment.objects.none()
    cursor_ordering = ("created_at", "pk")

    def get_queryset(self) -> QuerySet[Comment]:
        access = self.material_access()
        comments = access.material.comments.select_related("author")
        return comments if access.can_moderate else comments.shown()

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        access = self.material_access()
        require_taking_part(access)
        form = CommentForm(checked(CommentIn, request.data))
        posted = actions.comment(access.material, author=user_of(request), body=valid(form)["body"])
        return Response(CommentOut(posted).data, status=status.HTTP_201_CREATED)

    def comment(self) -> Any:
        found = get_comment_for_user(user_of(self.request), int(self.kwargs["pk"]))
        if found.comment.material_id != int(self.kwargs["material_pk"]):
            raise Http404(_("No such comment."))
        return found

    def get_object(self) -> Comment:
        return self.comment().comment

    def perform_destroy(self, instance: Comment) -> None:
        if instance.author_id != user_of(self.request).pk:
            raise PermissionDenied(_("Only its author can delete a comment."))
        actions.delete_comment(instance)

    @extend_schema(summary="Hide the comment, or show it again (the network's organisers)", request=HidingIn)
    @action(detail=True, methods=["post"])
    def hide(self, request: Request, material_pk: str, pk: str) -> Response:
        found = self.comment()
        require(found.material.can_moderate, REFUSED)
        actions.hide_comment(found.comment, by=user_of(request), hidden=checked(HidingIn, request.data)["hidden"])
        return Response(CommentOut(found.comment).data)


# --- Collections ----------------------------------------------------------------------------


@extend_schema(tags=["library"])
@extend_schema_view(
    list=extend_schema(summary="A network's collections, newest first"),
    create=extend_schema(
        summary="Start a collection (the network's members)", request=CollectionIn, responses={201: CollectionDetail}
    ),
)
class NetworkCollections(mixins.ListModelMixin, viewsets.GenericViewSet):
    """A network's collections of materials."""

    serializer_class = CollectionOut
    queryset = Collection.objects.none()
    cursor_ordering = ("-created_at", "-pk")

    def network_access(self) -> Any:
        return get_library_access(user_of(self.request), int(self.kwargs["network_pk"]))

    def get_queryset(self) -> QuerySet[Collection]:
        network = self.network_access().network
        return Collection.objects.visible_to(user_of(self.request)).filter(network=network).select_related("created_by")

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        access = self.network_access()
        require_publisher(access)
        user = user_of(request)
        sent = form_values(checked(CollectionIn, request.data))
        options = {"network": access.network, "user": user, "organiser": access.can_organise}
        form = CollectionForm({**as_sent(CollectionForm(**options)), **sent}, **options)
        collection = actions.create_collection(access.network, by=user, **valid(form))
        return Response(
            CollectionDetail(collection, context=self.get_serializer_context()).data, status=status.HTTP_201_CREATED
        )


@extend_schema(tags=["library"])
@extend_schema_view(
    retrieve=extend_schema(summary="A collection with the materials you may open (a public one: no sign-in needed)"),
    partial_update=extend_schema(
        summary="Change the collection (its maker, the organisers)",
        request=CollectionChange,
        responses=CollectionDetail,
    ),
    destroy=extend_schema(summary="Delete the collection; its materials stay in the library"),
)
class CollectionViewSet(
    PublicReads, Conditional, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet
):
    """A collection of materials."""

    serializer_class = CollectionDetail
    queryset = Collection.objects.none()
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    public_actions = frozenset({"retrieve"})

    def get_object(self) -> Collection:
        if self.request.method in permissions.SAFE_METHODS:
            found = signed_in_or_404(self.request, get_collection_access, int(self.kwargs["pk"]))
        else:
            found = get_editable_collection(user_of(self.request), int(self.kwargs["pk"]))
        self.is_organiser = found.is_organiser
        return found.collection

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        collection = self.get_object()
        sent = form_values(checked(CollectionChange, request.data))
        options = {"network": collection.network, "user": user_of(request), "organiser": self.is_organiser}
        opened = CollectionForm(instance=collection, **options)
        form = CollectionForm({**as_sent(opened), **sent}, instance=collection, **options)
        valid(form)
        form.save()
        return Response(self.get_serializer(collection).data)

    def perform_destroy(self, instance: Collection) -> None:
        instance.delete()

    @extend_schema(
        summary="Add a material you may take part in to the end of the collection (its maker, the organisers)",
        request=ItemIn,
        responses={201: ItemOut},
    )
    @action(detail=True, methods=["post"])
    def items(self, request: Request, pk: str) -> Response:
        user = user_of(request)
        collection = get_editable_collection(user, int(pk)).collection
        sent = checked(ItemIn, request.data)
        access = get_material_access(user, sent["material"])
        require_taking_part(access)
        if access.material.network_id != collection.network_id:
            raise exceptions.ValidationError({"material": [_("Choose a material of the collection's network.")]})
        item = actions.add_to_collection(collection, access.material, by=user, note=sent.get("note", ""))
        shown = items_of(collection).get(pk=item.pk)
        return Response(ItemOut(shown, context=self.get_serializer_context()).data, status=status.HTTP_201_CREATED)


def items_of(collection: Collection) -> QuerySet[CollectionItem]:
    return collection.items.select_related("material__subject").prefetch_related(
        Prefetch("material__authorships", queryset=Authorship.objects.select_related("user"))
    )


@extend_schema(tags=["library"])
@extend_schema_view(
    destroy=extend_schema(summary="Take the material out of the collection (its maker, the organisers)")
)
class CollectionItems(mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """The materials of a collection, as its maker arranges them."""

    serializer_class = ItemOut
    queryset = CollectionItem.objects.none()

    def get_object(self) -> CollectionItem:
        collection = get_editable_collection(user_of(self.request), int(self.kwargs["collection_pk"])).collection
        return get_object_or_404(items_of(collection), pk=int(self.kwargs["pk"]))

    def perform_destroy(self, instance: CollectionItem) -> None:
        actions.remove_from_collection(instance)

    @extend_schema(summary="Move the material one place up or down", request=ItemMoveIn, responses=ItemOut)
    @action(detail=True, methods=["post"])
    def move(self, request: Request, collection_pk: str, pk: str) -> Response:
        item = self.get_object()
        actions.move_in_collection(item, up=checked(ItemMoveIn, request.data)["direction"] == "up")
        item.refresh_from_db(fields=["position"])
        return Response(ItemOut(item, context=self.get_serializer_context()).data)


router = Router()
router.register("materials", MaterialViewSet, basename="material")
router.register(rf"networks/(?P<network_pk>{ID})/materials", NetworkMaterials, basename="network-material")
router.register(rf"materials/(?P<material_pk>{ID})/versions", MaterialVersions, basename="material-version")
router.register(rf"materials/(?P<material_pk>{ID})/comments", MaterialComments, basename="material-comment")
router.register(rf"networks/(?P<network_pk>{ID})/collections", NetworkCollections, basename="network-collection")
router.register("collections", CollectionViewSet, basename="collection")
router.register(rf"collections/(?P<collection_pk>{ID})/items", CollectionItems, basename="collection-item")

urlpatterns = [path("", include(router.urls))]
