from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST, require_safe

from accounts.models import User
from accounts.submissions import Submission, once_per_submission
from materials import actions, counters
from materials.forms import (
    CollectForm,
    CollectionForm,
    CommentForm,
    EditMaterialForm,
    LibraryFilterForm,
    MaterialForm,
    VersionForm,
)
from materials.models import (
    Authorship,
    Collection,
    CollectionItem,
    Comment,
    Material,
    MaterialFile,
    MaterialVersion,
    UsefulMark,
)
from materials.paging import keyset_page
from materials.permissions import (
    REFUSED,
    CollectionAccess,
    MaterialAccess,
    get_collection_access,
    get_comment_for_user,
    get_editable_collection,
    get_editable_material,
    get_library_access,
    get_material_access,
    may_publish,
    readable_collections_with,
    require_publisher,
)
from networks.models import Network
from ortaq.lib import confirm, editing, uploads
from ortaq.lib.access import require
from ortaq.lib.collation import KazakhOrder
from ortaq.lib.prepared import prepared
from ortaq.lib.views import user_of

logger = logging.getLogger(__name__)

PAGE_SIZE = 20


def listed(materials: QuerySet[Material], *, with_network: bool = False) -> QuerySet[Material]:
    """What a list shows of each material, in a fixed number of queries. A network
    is prefetched, never joined: with an INNER JOIN SQLite's planner starts from the
    networks table and sorts the whole library instead of walking the index."""
    materials = materials.select_related("subject").prefetch_related(
        Prefetch("authorships", queryset=Authorship.objects.select_related("user"))
    )
    return materials.prefetch_related("network") if with_network else materials


def page_links(query: dict[str, str]) -> dict[str, str]:
    base = urlencode(query)
    return {"filter_query": base, "filter_prefix": f"{base}&" if base else ""}


# --- Lists -------------------------------------------------------------------------------


@login_required
@require_GET
def material_list(request: HttpRequest, network_pk: int) -> HttpResponse:
    """A network's library, newest first, with filters."""
    user = user_of(request)
    access = get_library_access(user, network_pk)
    filters = LibraryFilterForm(request.GET)
    materials = filters.apply(Material.objects.visible_to(user).filter(network=access.network))
    page = keyset_page(
        listed(materials), after=request.GET.get("after"), before=request.GET.get("before"), size=PAGE_SIZE
    )
    return render(
        request,
        "materials/material_list.html",
        {
            "access": access,
            "network": access.network,
            "page": page,
            "filters": filters,
            "can_publish": may_publish(access),
            **page_links(filters.query()),
        },
    )


@login_required
@require_GET
def library_home(request: HttpRequest) -> HttpResponse:
    """The materials of every network the person sees, newest first."""
    user = user_of(request)
    networks = Network.objects.visible_to(user).order_by(KazakhOrder("name"))
    filters = LibraryFilterForm(request.GET, networks=networks)
    materials = filters.apply(Material.objects.visible_to(user).filter(network__in=networks.values("pk")))
    page = keyset_page(
        listed(materials, with_network=True),
        after=request.GET.get("after"),
        before=request.GET.get("before"),
        size=PAGE_SIZE,
    )
    return render(
        request,
        "materials/material_list.html",
        {"page": page, "filters": filters, "show_network": True, **page_links(filters.query())},
    )


# --- A material --------------------------------------------------------------------------


def readable_material(request: HttpRequest, pk: int) -> MaterialAccess | HttpResponse:
    """The material for the person, or, for an anonymous visitor and a material that
    is not public, the way to sign in (like every other page that needs an account)."""
    try:
        return get_material_access(user_of(request), pk)
    except Http404:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise


@prepared
def versions_of(material_id: int) -> QuerySet[MaterialVersion]:
    return MaterialVersion.objects.filter(material=material_id).prefetch_related("files").select_related("created_by")


@prepared
def authorships_of(material_id: int) -> QuerySet[Authorship]:
    return Authorship.objects.filter(material=material_id).select_related("user")


@prepared
def comments_of(material_id: int, *, moderator: bool) -> QuerySet[Comment]:
    """The comments the page shows: moderators see hidden ones too."""
    comments = Comment.objects.filter(material=material_id).select_related("author")
    return comments if moderator else comments.shown()


@prepared
def collections_editable(user_id: int, network_id: int, *, superuser: bool) -> QuerySet[Collection]:
    """The network's collections the person may add the material to."""
    person = User(pk=user_id, is_superuser=superuser)  # stands in for the person: only its id reaches the SQL
    return Collection.objects.editable_by(person).filter(network=network_id).order_by("title")


def detail_context(request: HttpRequest, access: MaterialAccess, **forms: Any) -> dict[str, Any]:
    user = user_of(request)
    material = access.material
    versions = versions_of(material.pk)
    current = next((v for v in versions if v.pk == material.current_version_id), versions[0] if versions else None)
    pending = counters.pending(material.pk)
    objective_codes, tags = material.codes_and_tags()
    context: dict[str, Any] = {
        "objective_codes": objective_codes,
        "tags": tags,
        "access": access,
        "material": material,
        "network": material.network,
        "authors": [a.user for a in authorships_of(material.pk)],
        "current": current,
        "older_versions": [v for v in versions if v is not current],
        "comments": comments_of(material.pk, moderator=access.can_moderate),
        "views": material.view_count + pending[counters.VIEWS],
        "downloads": material.download_count + pending[counters.DOWNLOADS],
        "collections": readable_collections_with(user, material.pk),
    }
    if request.user.is_authenticated and access.can_take_part:
        is_useful = getattr(material, "_is_useful", None)  # annotated by get_material_access
        if is_useful is None:
            is_useful = UsefulMark.objects.filter(material=material, user=user).exists()
        context["is_useful"] = is_useful
        context["comment_form"] = forms.get("comment_form") or CommentForm()
        # Read once, for both the question and the form's choices.
        choices = collections_editable(user.pk, material.network_id, superuser=user.is_superuser)
        collect_form = forms.get("collect_form") or CollectForm(
            collections=Collection.objects.filter(pk__in=[c.pk for c in choices])
        )
        collect_form.fields["collection"].choices = [("", collect_form.fields["collection"].empty_label)] + [
            (c.pk, str(c)) for c in choices
        ]
        context["collect_form"] = collect_form
        context["has_collections"] = bool(choices)
    return context


@require_GET
def material_detail(request: HttpRequest, pk: int) -> HttpResponse:
    access = readable_material(request, pk)
    if isinstance(access, HttpResponse):
        return access
    counters.count(counters.VIEWS, pk)
    return render(request, "materials/material_detail.html", detail_context(request, access))


@login_required
@once_per_submission
def material_create(request: HttpRequest, network_pk: int) -> HttpResponse:
    user = user_of(request)
    access = get_library_access(user, network_pk)
    require_publisher(access)
    network = access.network
    post = request.method == "POST"
    form = MaterialForm(request.POST if post else None, network=network, user=user, organiser=access.can_organise)
    version_form = VersionForm(request.POST if post else None, request.FILES if post else None, first=True, owner=user)
    valid = post and form.is_valid() & version_form.is_valid()  # both checked: each shows its errors
    if post and not valid:
        version_form.keep_uploads()  # the files outlive the other form's errors too
    if valid:
        try:
            material = actions.publish_material(
                network,
                by=user,
                files=version_form.cleaned_data["files"],
                link=version_form.cleaned_data["link"],
                submission=Submission.of(request),
                **form.lists(),
                **form.material_fields(),
            )
        except ValidationError as error:  # the model's own checks, after the form's
            form.add_error(None, error.messages)
            version_form.keep_uploads()
        except OSError:
            logger.exception("Storing the files of a new material failed")
            version_form.add_error("files", _("The files could not be saved. Nothing was published; please try again."))
        else:
            version_form.forget_kept()
            messages.success(request, _("The material is published."))
            return redirect(material)
    return render(
        request,
        "materials/material_form.html",
        {"form": form, "version_form": version_form, "network": network, "creating": True},
    )


@login_required
def material_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    access = get_editable_material(user, pk)
    material = access.material
    form = EditMaterialForm(
        request.POST or None, instance=material, network=material.network, user=user, organiser=access.can_moderate
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_material(form.save(commit=False), version=form.opened_version, **form.lists())
        except editing.StaleEdit:
            saved = get_editable_material(user, pk).material
            return editing.refuse_stale(
                request,
                "materials/material_form.html",
                {"network": saved.network, "material": saved},
                form=form,
                saved=EditMaterialForm(instance=saved, network=saved.network, user=user, organiser=access.can_moderate),
                saved_at=saved.updated_at,
            )
        messages.success(request, _("The material is saved."))
        return redirect(material)
    return render(
        request, "materials/material_form.html", {"form": form, "network": material.network, "material": material}
    )


@login_required
@once_per_submission
def version_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    access = get_editable_material(user, pk)
    material = access.material
    form = VersionForm(request.POST or None, request.FILES or None, owner=user)
    if request.method == "POST" and form.is_valid():
        try:
            version = actions.add_version(
                material,
                by=user,
                files=form.cleaned_data["files"],
                link=form.cleaned_data["link"],
                note=form.cleaned_data["note"],
                submission=Submission.of(request),
            )
        except OSError:
            logger.exception("Storing the files of a new version failed")
            form.add_error("files", _("The files could not be saved. Nothing was changed; please try again."))
        else:
            form.forget_kept()
            messages.success(request, _("Version %(number)d is now the current one.") % {"number": version.number})
            return redirect(material)
    return render(
        request,
        "materials/version_form.html",
        {"form": form, "material": material, "network": material.network},
    )


@login_required
@require_http_methods(["GET", "POST"])
def material_delete(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_editable_material(user_of(request), pk)
    material = access.material
    if not confirm.confirmed(request):
        return ask_to_delete_material(request, material)
    actions.delete_material(material)
    messages.success(request, _("The material is deleted."))
    return redirect("materials:list", network_pk=material.network_id)


def ask_to_delete_material(request: HttpRequest, material: Material) -> HttpResponse:
    versions = material.versions.count()
    files = MaterialFile.objects.filter(version__material=material).count()
    comments = material.comments.count()
    collections = material.collection_items.count()
    losses = [
        ngettext("%(count)d version", "%(count)d versions", versions) % {"count": versions}
        + " ("
        + ngettext("%(count)d file", "%(count)d files", files) % {"count": files}
        + ")"
    ]
    if comments:
        losses.append(ngettext("%(count)d comment", "%(count)d comments", comments) % {"count": comments})
    if material.useful_count:
        losses.append(
            ngettext("%(count)d «useful» mark", "%(count)d «useful» marks", material.useful_count)
            % {"count": material.useful_count}
        )
    if collections:
        losses.append(
            ngettext("its place in %(count)d collection", "its place in %(count)d collections", collections)
            % {"count": collections}
        )
    return confirm.ask(
        request,
        question=_("Delete «%(title)s»?") % {"title": material.title},
        lead=_("The material is deleted together with:"),
        losses=losses,
        button=_("Delete the material"),
        back=material.get_absolute_url(),
        place=[(reverse("materials:list", args=[material.network_id]), material.network.name)],
    )


@login_required
@require_POST
def material_hide(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_material_access(user_of(request), pk)
    require(access.can_moderate, REFUSED)
    hidden = request.POST.get("hidden") == "1"
    actions.hide_material(access.material, by=user_of(request), hidden=hidden)
    messages.success(request, _("The material is hidden.") if hidden else _("The material is shown again."))
    return redirect(access.material)


def require_taking_part(access: MaterialAccess) -> None:
    if not access.can_take_part:
        raise PermissionDenied(_("Only the network's people can do this."))


@login_required
@require_POST
def material_useful(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    access = get_material_access(user, pk)
    require_taking_part(access)
    useful = request.POST.get("useful") == "1"
    count = actions.mark_useful(access.material, user, useful=useful)
    if request.headers.get("HX-Request"):
        access.material.useful_count = count
        return render(
            request,
            "materials/material_detail.html#useful",
            {"material": access.material, "is_useful": useful, "access": access},
        )
    return redirect(access.material)


@login_required
@require_POST
def comment_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    access = get_material_access(user, pk)
    require_taking_part(access)
    form = CommentForm(request.POST)
    if form.is_valid():
        posted = actions.comment(access.material, author=user, body=form.cleaned_data["body"])
        return redirect(posted.get_absolute_url())
    return render(request, "materials/material_detail.html", detail_context(request, access, comment_form=form))


@login_required
@require_http_methods(["GET", "POST"])
def comment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_comment_for_user(user_of(request), pk)
    comment, access = found.comment, found.material
    if comment.author_id != request.user.pk:
        raise PermissionDenied(_("Only its author can delete a comment."))
    if not confirm.confirmed(request):
        material = access.material
        return confirm.ask(
            request,
            question=_("Delete your comment?"),
            losses=[truncate(comment.body)],
            button=_("Delete the comment"),
            back=material.get_absolute_url(),
            place=[(material.get_absolute_url(), material.title)],
        )
    actions.delete_comment(comment)
    messages.success(request, _("The comment is deleted."))
    return redirect(access.material)


def truncate(text: str, length: int = 200) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


@login_required
@require_POST
def comment_hide(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_comment_for_user(user_of(request), pk)
    comment, access = found.comment, found.material
    require(access.can_moderate, REFUSED)
    hidden = request.POST.get("hidden") == "1"
    actions.hide_comment(comment, by=user_of(request), hidden=hidden)
    messages.success(request, _("The comment is hidden.") if hidden else _("The comment is shown again."))
    return redirect(comment.get_absolute_url())


@login_required
@require_POST
def material_collect(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    access = get_material_access(user, pk)
    require_taking_part(access)
    collections = Collection.objects.editable_by(user).filter(network=access.material.network_id)
    form = CollectForm(request.POST, collections=collections)
    # With htmx only the collections card comes back: a comment being typed stays.
    template = "materials/material_detail.html" + ("#collections" if request.headers.get("HX-Request") else "")
    if not form.is_valid():
        return render(request, template, detail_context(request, access, collect_form=form))
    collection = form.cleaned_data["collection"]
    actions.add_to_collection(collection, access.material, by=user, note=form.cleaned_data["note"])
    said = _("Added to «%(collection)s».") % {"collection": collection.title}
    if request.headers.get("HX-Request"):
        return render(request, template, {**detail_context(request, access), "said": said})
    messages.success(request, said)
    return redirect(access.material)


# --- Files -------------------------------------------------------------------------------


def readable_file(request: HttpRequest, pk: int) -> MaterialFile | HttpResponse:
    file = MaterialFile.objects.select_related("version").filter(pk=pk).first()
    if file is None:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404(_("No such file."))
    access = readable_material(request, file.version.material_id)
    return access if isinstance(access, HttpResponse) else file


@require_safe
def file_serve(request: HttpRequest, pk: int) -> HttpResponse:
    """A material's file, after the same check as its page. Videos and audio answer
    range requests (uploads.serve_file), so a phone seeks without downloading the lesson;
    ``?download=1`` sends it as an attachment and counts a download."""
    file = readable_file(request, pk)
    if isinstance(file, HttpResponse):
        return file
    download = request.GET.get("download") == "1"
    if download and request.headers.get("Range", "bytes=0-").startswith("bytes=0-"):
        counters.count(counters.DOWNLOADS, file.version.material_id)  # a resumed download counts once
    return uploads.serve_file(request, file.file, filename=file.name, content_type=file.mime, as_attachment=download)


@require_safe
def file_thumbnail(request: HttpRequest, pk: int) -> HttpResponse:
    file = readable_file(request, pk)
    if isinstance(file, HttpResponse):
        return file
    if not file.thumbnail:
        raise Http404(_("This file has no preview."))
    return uploads.serve_file(request, file.thumbnail, filename=f"{file.name}.jpg", content_type="image/jpeg")


# --- Collections -------------------------------------------------------------------------


@login_required
@require_GET
def collection_list(request: HttpRequest, network_pk: int) -> HttpResponse:
    user = user_of(request)
    access = get_library_access(user, network_pk)
    collections = (
        Collection.objects.visible_to(user).filter(network=access.network).select_related("created_by", "group")
    )
    page = keyset_page(collections, after=request.GET.get("after"), before=request.GET.get("before"), size=PAGE_SIZE)
    return render(
        request,
        "materials/collection_list.html",
        {
            "access": access,
            "network": access.network,
            "page": page,
            "can_create": may_publish(access),
            "filter_prefix": "",
        },
    )


@login_required
def collection_create(request: HttpRequest, network_pk: int) -> HttpResponse:
    user = user_of(request)
    access = get_library_access(user, network_pk)
    require_publisher(access)
    form = CollectionForm(request.POST or None, network=access.network, user=user, organiser=access.can_organise)
    if request.method == "POST" and form.is_valid():
        collection = actions.create_collection(access.network, by=user, **form.cleaned_data)
        messages.success(request, _("The collection is created. Add materials to it from their pages."))
        return redirect(collection)
    return render(
        request, "materials/collection_form.html", {"form": form, "network": access.network, "creating": True}
    )


def collection_items(user: Any, collection: Collection) -> QuerySet[CollectionItem]:
    """The collection's materials that this person may open, in order: a collection
    never shows a reader what the material's own page would refuse."""
    return (
        collection.items.filter(material__in=Material.objects.visible_to(user).values("pk"))
        .select_related("material__subject")
        .prefetch_related(Prefetch("material__authorships", queryset=Authorship.objects.select_related("user")))
    )


def readable_collection(request: HttpRequest, pk: int) -> CollectionAccess | HttpResponse:
    try:
        return get_collection_access(user_of(request), pk)
    except Http404:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise


@require_GET
def collection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    access = readable_collection(request, pk)
    if isinstance(access, HttpResponse):
        return access
    collection = access.collection
    context = {
        "collection": collection,
        "network": collection.network,
        "can_edit": access.can_edit,
        "items": collection_items(user_of(request), collection),
    }
    return render(request, "materials/collection_detail.html", context)


@login_required
def collection_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    access = get_editable_collection(user, pk)
    collection = access.collection
    form = CollectionForm(
        request.POST or None, instance=collection, network=collection.network, user=user, organiser=access.is_organiser
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The collection is saved."))
        return redirect(collection)
    return render(
        request,
        "materials/collection_form.html",
        {
            "form": form,
            "network": collection.network,
            "collection": collection,
            "items": collection_items(user, collection),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def collection_delete(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_editable_collection(user_of(request), pk)
    collection = access.collection
    if not confirm.confirmed(request):
        count = collection.items.count()
        return confirm.ask(
            request,
            question=_("Delete the collection «%(title)s»?") % {"title": collection.title},
            losses=[_("The collection's list, its order and its description.")],
            keeps=[
                ngettext(
                    "Its %(count)d material stays in the library.",
                    "Its %(count)d materials stay in the library.",
                    count,
                )
                % {"count": count}
            ],
            button=_("Delete the collection"),
            back=collection.get_absolute_url(),
            place=[(reverse("materials:collection_list", args=[collection.network_id]), collection.network.name)],
        )
    collection.delete()
    messages.success(request, _("The collection is deleted. Its materials stay in the library."))
    return redirect("materials:collection_list", network_pk=collection.network_id)


def editable_item(request: HttpRequest, pk: int, item_pk: int) -> CollectionItem:
    access = get_editable_collection(user_of(request), pk)
    return get_object_or_404(access.collection.items.select_related("collection", "material"), pk=item_pk)


@login_required
@require_POST
def collection_item_move(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = editable_item(request, pk, item_pk)
    actions.move_in_collection(item, up=request.POST.get("direction") == "up")
    return redirect(reverse("materials:collection_edit", args=[pk]) + f"#item-{item.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def collection_item_remove(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = editable_item(request, pk, item_pk)
    if not confirm.confirmed(request):
        collection = item.collection
        return confirm.ask(
            request,
            question=_("Take «%(material)s» out of «%(collection)s»?")
            % {"material": item.material.title, "collection": collection.title},
            keeps=[_("The material stays in the library; you can put it back from its page.")],
            afterwards="",
            button=_("Take it out"),
            back=reverse("materials:collection_edit", args=[pk]) + f"#item-{item.pk}",
            place=[(collection.get_absolute_url(), collection.title)],
        )
    actions.remove_from_collection(item)
    messages.success(request, _("The material is taken out of the collection."))
    return redirect("materials:collection_edit", pk=pk)
