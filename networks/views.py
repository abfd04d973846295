from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from networks import actions
from networks.forms import (
    ApproveSchoolForm,
    CharterForm,
    CharterTranslationForm,
    DeclineSchoolForm,
    EditCharterForm,
    GroupForm,
    GroupTaskForm,
    InvitationForm,
    JoinRequestForm,
    RoleForm,
    SchoolForm,
)
from networks.models import (
    CHARTER_FIELDS,
    Group,
    GroupTask,
    Invitation,
    JoinRequest,
    Membership,
    Network,
    NetworkSchool,
    Role,
    groups_with_counts,
)
from networks.people import FOUND_AT_MOST, find_people, members_page
from networks.permissions import (
    REFUSED,
    decides_every_school_request,
    get_certificate_file_for_user,
    get_group_for_user,
    get_joinable_network,
    get_managed_network,
    get_network_access,
    get_organised_network,
    get_person_for_user,
    get_school_request_for_user,
    may_create_network,
    may_decide_school_requests,
    oversees,
    school_requests_visible_to,
)
from ortaq.lib import confirm, editing, uploads
from ortaq.lib.access import require
from ortaq.lib.collation import KazakhOrder
from ortaq.lib.views import safe_next, user_of
from schools import names
from schools.models import SchoolRequest

MEMBERS_PER_PAGE = 50


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "networks/welcome.html")
    return network_list(request)


@login_required
@require_GET
def network_list(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    mine = (
        Network.objects.visible_to(user)
        .annotate(school_count=Count("school_links", distinct=True))
        .order_by(KazakhOrder("name"))
    )
    roles = dict(Membership.objects.filter(user=user).values_list("network_id", "role"))
    others = (
        Network.objects.listed()
        .exclude(pk__in=mine.values("pk"))
        .annotate(school_count=Count("school_links", distinct=True))
        .order_by(KazakhOrder("name"))[:50]
    )
    pending = set(
        JoinRequest.objects.filter(user=user, status=JoinRequest.Status.PENDING).values_list("network_id", flat=True)
    )
    return render(
        request,
        "networks/network_list.html",
        {
            "networks": [(n, Role(roles[n.pk]).label if n.pk in roles else None) for n in mine],
            "others": [(n, n.pk in pending) for n in others],
            "can_create": may_create_network(user),
            # Only those who may decide are asked (the people who lead a network, staff).
            "school_requests": school_requests_visible_to(user).pending().count()
            if Role.LEADER in roles.values() or decides_every_school_request(user)
            else 0,
        },
    )


@login_required
def network_create(request: HttpRequest) -> HttpResponse:
    if not may_create_network(user_of(request)):
        raise PermissionDenied(_("Only the administrators can create networks on this site."))
    form = CharterForm(request.POST or None, initial={"charter_language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        network = actions.create_network(by=user_of(request), **form.cleaned_data)
        messages.success(request, _("The network is created. Now add its schools and invite people."))
        return redirect(network)
    return render(request, "networks/charter_form.html", {"form": form, "creating": True})


@login_required
@require_GET
def network_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    try:
        access = get_network_access(user, pk)
    except Http404:
        # A link shared with someone not yet in: a listed network shows them what it is
        # and lets them ask to join; an unlisted one stays a 404.
        return redirect("networks:join", pk=get_joinable_network(user, pk).pk)
    network = access.network
    return render(
        request,
        "networks/network_detail.html",
        {
            "access": access,
            "network": network,
            "charter": network.charter(request.LANGUAGE_CODE),
            "indicators": network.indicators(),
            "groups": groups_with_counts(network.pk),
            "pending_requests": network.join_requests.filter(status=JoinRequest.Status.PENDING).count()
            if access.can_organise
            else 0,
        },
    )


@login_required
def network_edit(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_managed_network(user_of(request), pk)
    form = EditCharterForm(request.POST or None, instance=access.network)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_charter(form.instance, version=form.opened_version)
        except editing.StaleEdit:
            saved = Network.objects.get(pk=pk)
            return editing.refuse_stale(
                request,
                "networks/charter_form.html",
                {"network": saved},
                form=form,
                saved=EditCharterForm(instance=saved),
                saved_at=saved.updated_at,
            )
        messages.success(request, _("The charter is saved."))
        return redirect(access.network)
    return render(request, "networks/charter_form.html", {"form": form, "network": access.network})


def translation_form(network: Network, language: str, data: Any = None) -> CharterTranslationForm:
    """The translation form opened on the charter as it is saved now."""
    return CharterTranslationForm(data, initial=network.translations.get(language, {}), version=network.version)


@login_required
def network_translate(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    access = get_managed_network(user_of(request), pk)
    network = access.network
    languages = dict(settings.LANGUAGES)
    if language not in languages or language == network.charter_language:
        raise Http404(_("No such language."))
    form = translation_form(network, language, request.POST or None)
    original = {name: getattr(network, name) for name in CHARTER_FIELDS}
    context = {"network": network, "language_name": languages[language], "original": original}
    if request.method == "POST" and form.is_valid():
        try:
            actions.translate_charter(network, language, form.translation(), version=form.opened_version)
        except editing.StaleEdit:
            saved = Network.objects.get(pk=pk)
            return editing.refuse_stale(
                request,
                "networks/charter_translate.html",
                {**context, "network": saved},
                form=form,
                saved=translation_form(saved, language),
                saved_at=saved.updated_at,
            )
        messages.success(request, _("The translation is saved."))
        return redirect(network)
    return render(request, "networks/charter_translate.html", {**context, "form": form})


@login_required
def network_schools(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_network_access(user_of(request), pk)
    network = access.network
    form = SchoolForm(request.POST or None)
    if request.method == "POST":
        require(access.can_manage, REFUSED)
        if form.is_valid():
            with transaction.atomic():
                school = form.save()
                actions.add_school(network, school, leading=form.cleaned_data["leading"])
            messages.success(request, _("«%(school)s» is added to the network.") % {"school": school.name})
            return redirect("networks:schools", pk=network.pk)
    links = network.school_links.select_related("school__district__region")
    asked = (
        school_requests_visible_to(user_of(request))
        .pending()
        .filter(district__in=network.schools.values("district"))
        .count()
        if access.can_manage
        else 0
    )
    return render(
        request,
        "networks/schools.html",
        {"access": access, "network": network, "links": links, "form": form, "school_requests": asked},
    )


@login_required
@require_POST
def school_set_leading(request: HttpRequest, pk: int, school_pk: int) -> HttpResponse:
    access = get_managed_network(user_of(request), pk)
    link = get_object_or_404(NetworkSchool, network=access.network, school_id=school_pk)
    actions.set_leading_school(access.network, link.school)
    messages.success(request, _("«%(school)s» is now the leading school.") % {"school": link.school.name})
    return redirect("networks:schools", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def school_remove(request: HttpRequest, pk: int, school_pk: int) -> HttpResponse:
    access = get_managed_network(user_of(request), pk)
    network = access.network
    link = get_object_or_404(NetworkSchool.objects.select_related("school"), network=network, school_id=school_pk)
    school = link.school
    if not confirm.confirmed(request):
        people = network.memberships.filter(user__school=school).count()
        losses = [_("The school leaves the network's list of schools and its figures.")]
        if link.role == NetworkSchool.Role.LEADING:
            losses.append(_("The network will have no leading school until you choose another."))
        return confirm.ask(
            request,
            question=_("Remove «%(school)s» from the network?") % {"school": school.name},
            losses=losses,
            keeps=[
                ngettext(
                    "Its %(count)d member of the network stays a member, but is no longer counted in any school.",
                    "Its %(count)d members of the network stay members, but are no longer counted in any school.",
                    people,
                )
                % {"count": people}
            ]
            if people
            else [],
            afterwards=_("You can add the school again later."),
            button=_("Remove the school"),
            back=reverse("networks:schools", args=[pk]),
            place=[(network.get_absolute_url(), network.name)],
        )
    actions.remove_school(network, school)
    messages.success(request, _("«%(school)s» is removed from the network.") % {"school": school.name})
    return redirect("networks:schools", pk=pk)


@login_required
@require_GET
def members(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_network_access(user_of(request), pk)
    network = access.network
    memberships = network.memberships.select_related("user__school").order_by(KazakhOrder("user__full_name"), "pk")
    query = " ".join(request.GET.get("q", "").split())[:100]
    school_pk = request.GET.get("school", "")
    role = request.GET.get("role", "")
    if school_pk.isdigit():
        memberships = memberships.filter(user__school_id=int(school_pk))
    if role in Role.values:
        memberships = memberships.filter(role=role)
    page = members_page(memberships, query, request.GET.get("page"), per_page=MEMBERS_PER_PAGE)
    filters = {"q": query, "school": school_pk, "role": role}
    context: dict[str, object] = {
        "access": access,
        "network": network,
        "page": page,
        "schools": network.schools.order_by(KazakhOrder("name")),
        "roles": Role.choices,
        "selected_school": school_pk,
        "selected_role": role,
        "query": query,
        "filter_query": urlencode({k: v for k, v in filters.items() if v}),
    }
    if access.can_organise:
        context["invitations"] = network.invitations.usable().select_related("school")
        context["requests"] = network.join_requests.filter(status=JoinRequest.Status.PENDING).select_related(
            "user__school"
        )
        context["role_form"] = RoleForm()
    return render(request, "networks/members.html", context)


@login_required
@require_GET
def people(request: HttpRequest, pk: int) -> HttpResponse:
    """The people pickers' search (networks/widgets.py): those of the network (or of one
    of its groups) the person may see whose name, school or subject has what was
    typed, as options."""
    user = user_of(request)
    access = get_network_access(user, pk)
    exclude = [int(value) for value in request.GET.get("exclude", "").split(",")[:500] if value.isdigit()]
    group = request.GET.get("group", "")
    found = find_people(
        access.network,
        user,
        request.GET.get("q", ""),
        exclude=exclude,
        group_id=int(group) if group.isdigit() else None,
    )
    return render(request, "networks/_people_found.html", {"found": found, "at_most": FOUND_AT_MOST})


@login_required
@require_POST
def member_role(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    access = get_organised_network(user_of(request), pk)
    membership = get_object_or_404(Membership, pk=membership_pk, network=access.network)
    form = RoleForm(request.POST)
    if form.is_valid():
        role = form.cleaned_data["role"]
        # Only leaders hand out or take away leadership.
        require(access.can_change_role_of(membership, role), REFUSED)
        try:
            actions.change_role(membership, role)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The role is changed."))
    else:
        messages.error(request, _("Choose a role from the list."))
    return redirect("networks:members", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def member_remove(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    user = user_of(request)
    access = get_network_access(user, pk)
    network = access.network
    membership = get_object_or_404(Membership.objects.select_related("user"), pk=membership_pk, network=network)
    leaving = membership.user_id == user.pk
    require(leaving or access.can_manage_member(membership), REFUSED)
    try:
        actions.check_removal(membership)
        if not confirm.confirmed(request):
            return ask_to_remove(request, membership, leaving=leaving)
        actions.remove_member(membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("networks:members", pk=pk)
    if leaving:
        messages.success(request, _("You have left «%(network)s».") % {"network": network.name})
        return redirect("networks:list")
    messages.success(request, _("%(person)s is removed from the network.") % {"person": membership.user})
    return redirect("networks:members", pk=pk)


def ask_to_remove(request: HttpRequest, membership: Membership, *, leaving: bool) -> HttpResponse:
    """What removing a member (or leaving) takes away: their groups and the lead of some."""
    network = membership.network
    groups = list(network.groups.filter(members=membership.user_id).order_by(KazakhOrder("name")))
    led = [group.name for group in network.groups.filter(leader=membership.user_id).order_by(KazakhOrder("name"))]
    names = ", ".join(f"«{group.name}»" for group in groups)
    losses = []
    if groups:
        losses.append(
            (
                ngettext("You leave its group %(names)s.", "You leave its %(count)d groups: %(names)s.", len(groups))
                if leaving
                else ngettext(
                    "They leave its group %(names)s.", "They leave its %(count)d groups: %(names)s.", len(groups)
                )
            )
            % {"count": len(groups), "names": names}
        )
    for group in led:
        losses.append(_("The group «%(group)s» will have no leader.") % {"group": group})
    if leaving:
        losses.append(_("You no longer see the network's pages, forum, library and calendar."))
        question = _("Leave «%(network)s»?") % {"network": network.name}
        afterwards = _("To come back you will need a new invitation or an approved request to join.")
        button = _("Leave the network")
    else:
        losses.append(_("They no longer see the network's pages, forum, library and calendar."))
        question = _("Remove %(person)s from «%(network)s»?") % {"person": membership.user, "network": network.name}
        afterwards = _(
            "Their messages, materials, attendance and awards stay. To come back they will need a new invitation."
        )
        button = _("Remove from the network")
    return confirm.ask(
        request,
        question=question,
        losses=losses,
        afterwards=afterwards,
        button=button,
        back=reverse("networks:members", args=[network.pk]),
        place=[(network.get_absolute_url(), network.name)],
    )


@login_required
def invitation_create(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_organised_network(user_of(request), pk)
    form = InvitationForm(request.POST or None, network=access.network, access=access)
    if request.method == "POST" and form.is_valid():
        require(access.can_grant(form.cleaned_data["role"]), REFUSED)
        invitation = actions.create_invitation(access.network, by=user_of(request), **form.cleaned_data)
        if invitation.email:
            messages.success(request, _("The invitation is sent to %(email)s.") % {"email": invitation.email})
        else:
            messages.success(request, _("The link is ready: copy it and share it."))
        return redirect("networks:members", pk=pk)
    return render(request, "networks/invitation_form.html", {"form": form, "network": access.network})


@login_required
@require_http_methods(["GET", "POST"])
def invitation_revoke(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    access = get_organised_network(user_of(request), pk)
    invitation = get_object_or_404(Invitation, pk=invitation_pk, network=access.network)
    if not confirm.confirmed(request):
        if invitation.email:
            question = _("Withdraw the invitation sent to %(email)s?") % {"email": invitation.email}
            losses = [_("The link in the letter stops working.")]
        else:
            question = _("Withdraw the invitation link?")
            losses = [_("The link stops working: nobody else can join the network by it.")]
        keeps = (
            [
                ngettext(
                    "The %(count)d person who joined by it stays a member.",
                    "The %(count)d people who joined by it stay members.",
                    invitation.uses,
                )
                % {"count": invitation.uses}
            ]
            if invitation.uses
            else []
        )
        return confirm.ask(
            request,
            question=question,
            losses=losses,
            keeps=keeps,
            afterwards=_("You can always send a new invitation."),
            button=_("Withdraw the invitation"),
            back=reverse("networks:members", args=[pk]),
            place=[(access.network.get_absolute_url(), access.network.name)],
        )
    actions.revoke_invitation(invitation)
    messages.success(request, _("The invitation is withdrawn."))
    return redirect("networks:members", pk=pk)


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The page an invitation link opens. Anyone holding the link may see which
    network invites them; joining needs an account."""
    invitation = Invitation.objects.select_related("network", "school").filter(token=token).first()
    if invitation is None:
        raise Http404(_("No such invitation."))
    usable = invitation.is_usable()
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('accounts:login')}?next={request.path}")
        if not usable:
            messages.error(request, _("This invitation has expired or has already been used."))
            return redirect("invitation", token=token)
        try:
            actions.accept_invitation(invitation, user_of(request))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("invitation", token=token)
        messages.success(request, _("Welcome to «%(network)s»!") % {"network": invitation.network.name})
        return redirect(invitation.network)
    is_member = (
        request.user.is_authenticated
        and Membership.objects.filter(network=invitation.network, user=user_of(request)).exists()
    )
    return render(
        request,
        "networks/invitation.html",
        {"invitation": invitation, "usable": usable, "is_member": is_member, "network": invitation.network},
    )


@login_required
def join_request(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    network = get_joinable_network(user, pk)
    if Membership.objects.filter(network=network, user=user).exists():
        return redirect(network)
    form = JoinRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.request_to_join(network, user, message=form.cleaned_data["message"])
        messages.success(request, _("Your request is sent. The network's leaders will decide."))
        return redirect("networks:list")
    pending = network.join_requests.filter(user=user, status=JoinRequest.Status.PENDING).exists()
    return render(
        request,
        "networks/join_request.html",
        {
            "form": form,
            "network": network,
            "charter": network.charter(request.LANGUAGE_CODE),
            "schools": network.school_links.count(),
            "pending": pending,
        },
    )


@login_required
@require_POST
def join_request_decide(request: HttpRequest, pk: int, request_pk: int) -> HttpResponse:
    access = get_organised_network(user_of(request), pk)
    join_request = get_object_or_404(JoinRequest, pk=request_pk, network=access.network)
    approve = request.POST.get("decision") == "approve"
    form = RoleForm(request.POST or {"role": Role.TEACHER})
    role = form.cleaned_data["role"] if form.is_valid() else Role.TEACHER
    require(access.can_grant(role), REFUSED)
    actions.decide_join_request(join_request, by=user_of(request), approve=approve, role=role)
    if approve:
        messages.success(request, _("%(person)s has joined the network.") % {"person": join_request.user})
    else:
        messages.info(request, _("The request is declined."))
    return redirect("networks:members", pk=pk)


@login_required
def group_create(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_organised_network(user_of(request), pk)
    form = GroupForm(request.POST or None, network=access.network)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.instance.network = access.network
            group = form.save()
            actions.set_group_members(group, list(form.cleaned_data["members"]))
        messages.success(request, _("The group is created."))
        return redirect(group)
    return render(request, "networks/group_form.html", {"form": form, "network": access.network})


@login_required
def group_edit(request: HttpRequest, pk: int, group_pk: int) -> HttpResponse:
    group_access = get_group_for_user(user_of(request), pk, group_pk)
    access, group = group_access.access, group_access.group
    require(access.can_manage_group(group), REFUSED)
    form = GroupForm(request.POST or None, instance=group, network=access.network)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            group = form.save()
            actions.set_group_members(group, list(form.cleaned_data["members"]))
        messages.success(request, _("The group is saved."))
        return redirect(group)
    return render(request, "networks/group_form.html", {"form": form, "network": access.network, "group": group})


@login_required
@require_http_methods(["GET", "POST"])
def group_delete(request: HttpRequest, pk: int, group_pk: int) -> HttpResponse:
    group_access = get_group_for_user(user_of(request), pk, group_pk)
    access, group = group_access.access, group_access.group
    require(access.can_organise, REFUSED)
    if not confirm.confirmed(request):
        return ask_to_delete_group(request, group)
    actions.delete_group(group)
    messages.success(request, _("The group «%(group)s» is deleted.") % {"group": group.name})
    return redirect(access.network)


def group_contents(group: Group) -> dict[str, int]:
    """What deleting the group deletes with it. Its forum belongs to the forums app,
    above this one: it is reached by the relation's name, not imported."""
    forum = Group.objects.filter(pk=group.pk).aggregate(
        threads=Count("forums__threads", distinct=True), posts=Count("forums__threads__posts")
    )
    return {"tasks": group.tasks.count(), "members": group.group_memberships.count(), **forum}


def ask_to_delete_group(request: HttpRequest, group: Group) -> HttpResponse:
    """The group goes with its tasks, its members list and its forum (models cascade);
    its materials and collections stay in the library (they only lose the group)."""
    counts = group_contents(group)
    tasks, members, threads, posts = counts["tasks"], counts["members"], counts["threads"], counts["posts"]
    losses = [
        ngettext("its %(count)d task", "its %(count)d tasks", tasks) % {"count": tasks}
        if tasks
        else _("its list of tasks (empty)"),
        ngettext("its list of %(count)d member", "its list of %(count)d members", members) % {"count": members},
    ]
    if threads:
        losses.append(
            ngettext("its forum: %(count)d discussion", "its forum: %(count)d discussions", threads)
            % {"count": threads}
            + " ("
            + ngettext("%(count)d message", "%(count)d messages", posts) % {"count": posts}
            + ")"
        )
    keeps = [_("Its members stay members of the network; its materials and collections stay in the library.")]
    return confirm.ask(
        request,
        question=_("Delete the group «%(group)s»?") % {"group": group.name},
        lead=_("The group is deleted together with:"),
        losses=losses,
        keeps=keeps,
        button=_("Delete the group"),
        back=group.get_absolute_url(),
        place=[(group.network.get_absolute_url(), group.network.name), (group.get_absolute_url(), group.name)],
    )


@login_required
def group_detail(request: HttpRequest, pk: int, group_pk: int) -> HttpResponse:
    user = user_of(request)
    group_access = get_group_for_user(user, pk, group_pk)
    access, group = group_access.access, group_access.group
    task_form = GroupTaskForm(request.POST or None, group=group)
    if request.method == "POST":
        require(access.can_manage_group(group), REFUSED)
        if task_form.is_valid():
            try:
                actions.add_group_task(group, by=user, **task_form.task_fields())
            except ValidationError as error:
                task_form.add_error("assignee", error)
            else:
                messages.success(request, _("The task is added."))
                return redirect(group)
    group_members = group.members.select_related("school").order_by(KazakhOrder("full_name"))
    return render(
        request,
        "networks/group_detail.html",
        {
            "access": access,
            "network": access.network,
            "group": group,
            "members": group_members,
            "tasks": group.tasks.select_related("assignee"),
            "task_form": task_form,
            "can_manage": access.can_manage_group(group),
            "me": user.pk,
        },
        status=400 if task_form.errors else 200,
    )


@login_required
def group_task_edit(request: HttpRequest, pk: int, group_pk: int, task_pk: int) -> HttpResponse:
    user = user_of(request)
    group_access = get_group_for_user(user, pk, group_pk)
    access, group = group_access.access, group_access.group
    require(access.can_manage_group(group), REFUSED)
    task = get_object_or_404(group.tasks.select_related("assignee"), pk=task_pk)
    form = GroupTaskForm(request.POST or None, instance=task, group=group)
    if request.method == "POST" and form.is_valid():
        # The form filled the task in; the action reads what was saved before.
        saved = GroupTask.objects.select_related("group", "assignee").get(pk=task.pk)
        try:
            actions.change_group_task(saved, by=user, **form.task_fields())
        except ValidationError as error:
            form.add_error("assignee", error)
        else:
            messages.success(request, _("The task is saved."))
            return redirect(saved.get_absolute_url())
    return render(
        request,
        "networks/group_task_form.html",
        {"network": access.network, "group": group, "task": task, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def group_task_toggle(request: HttpRequest, pk: int, group_pk: int, task_pk: int) -> HttpResponse:
    """Whoever manages the group, or the person the task is given to, marks it done or open again."""
    user = user_of(request)
    group_access = get_group_for_user(user, pk, group_pk)
    access, group = group_access.access, group_access.group
    task = get_object_or_404(group.tasks.select_related("assignee"), pk=task_pk)
    require(group_access.can_mark(task), REFUSED)
    actions.set_group_task_done(task, done=not task.is_done)
    if request.headers.get("HX-Request"):
        return render(
            request,
            "networks/group_detail.html#task",
            {
                "task": task,
                "group": group,
                "network": access.network,
                "can_manage": group_access.can_manage,
                "me": user.pk,
            },
        )
    return redirect(safe_next(request, group.get_absolute_url()))


@login_required
@require_http_methods(["GET", "POST"])
def group_task_delete(request: HttpRequest, pk: int, group_pk: int, task_pk: int) -> HttpResponse:
    group_access = get_group_for_user(user_of(request), pk, group_pk)
    access, group = group_access.access, group_access.group
    require(access.can_manage_group(group), REFUSED)
    task = get_object_or_404(group.tasks, pk=task_pk)
    if not confirm.confirmed(request):
        return confirm.ask(
            request,
            question=_("Delete the task «%(task)s»?") % {"task": task.title},
            button=_("Delete the task"),
            back=group.get_absolute_url(),
            place=[(access.network.get_absolute_url(), access.network.name), (group.get_absolute_url(), group.name)],
        )
    task.delete()
    messages.success(request, _("The task is removed."))
    return redirect(group)


# --- Schools asked for --------------------------------------------------------------------


@login_required
@require_GET
def school_requests(request: HttpRequest) -> HttpResponse:
    """The schools people asked for that this person may add (networks/permissions.py),
    each with the district's schools of a near name; and the last ones decided."""
    user = user_of(request)
    if not may_decide_school_requests(user):
        raise Http404(_("No such page."))
    visible = school_requests_visible_to(user).select_related("district__region", "requested_by")
    pending = visible.pending().prefetch_related("district__schools").order_by("created_at", "pk")
    decided = visible.exclude(status=SchoolRequest.Status.PENDING).select_related("school", "decided_by")
    return render(
        request,
        "networks/school_requests.html",
        {
            "pending": [(asked, names.near_matches(asked.name, asked.district.schools.all())) for asked in pending],
            "decided": decided.order_by("-decided_at", "-pk")[:20],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def school_request(request: HttpRequest, pk: int) -> HttpResponse:
    """One request: approve it as a new school, or as a school of the district already
    in the list (a near name is offered first); declining is its own confirmed action."""
    user = user_of(request)
    asked = get_school_request_for_user(user, pk)
    form = ApproveSchoolForm(request.POST or None, school_request=asked)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            school = actions.approve_school_request(
                asked,
                by=user,
                school=data["existing"],
                name=data["name"],
                language=data["language"],
                shifts=data["shifts"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("networks:school_request", pk=pk)
        messages.success(
            request,
            _("«%(school)s» is in the list, and %(person)s is told.")
            % {"school": school.name, "person": asked.requested_by},
        )
        return redirect("networks:school_requests")
    return render(
        request,
        "networks/school_request.html",
        {
            "asked": asked,
            "form": form,
            "near": names.near_matches(asked.name, asked.district.schools.all()) if asked.is_pending else [],
            "decline_form": DeclineSchoolForm(),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def school_request_decline(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    asked = get_school_request_for_user(user, pk)
    if not asked.is_pending:
        messages.info(request, _("This request has already been decided."))
        return redirect("networks:school_request", pk=pk)
    form = DeclineSchoolForm(request.POST or None)
    if not confirm.confirmed(request) or not form.is_valid():
        return confirm.ask(
            request,
            question=_("Decline the request to add «%(school)s»?") % {"school": asked.name},
            losses=[
                _("%(person)s is told, with your reason. Their profile stays without this school.")
                % {"person": asked.requested_by}
            ],
            afterwards=_("They can ask again, with the name written another way or another district."),
            form=form,
            button=_("Decline the request"),
            back=reverse("networks:school_request", args=[pk]),
            place=[(reverse("networks:school_requests"), _("Schools asked for"))],
        )
    try:
        actions.decline_school_request(asked, by=user, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("networks:school_request", pk=pk)
    messages.info(request, _("The request is declined, and %(person)s is told.") % {"person": asked.requested_by})
    return redirect("networks:school_requests")


# --- People ------------------------------------------------------------------------------


@login_required
@require_GET
def person(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, pk)  # type: ignore[arg-type]
    shared_networks = Network.objects.visible_to(request.user).filter(memberships__user=person)  # type: ignore[arg-type]
    memberships = (
        Membership.objects.filter(user=person, network__in=shared_networks)
        .select_related("network")
        .order_by("network__name")
    )
    return render(
        request,
        "networks/person.html",
        {
            "person": person,
            "memberships": memberships,
            "certifications": person.certifications.all(),
            "subjects": person.subjects.all(),
            "may_read_record": oversees(request.user, person),  # type: ignore[arg-type]
        },
    )


@login_required
@require_GET
def certification_file(request: HttpRequest, pk: int) -> HttpResponse:
    certification = get_certificate_file_for_user(request.user, pk)  # type: ignore[arg-type]
    extension = certification.file.name.rsplit(".", 1)[-1]
    content_type = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}.get(
        extension, "application/octet-stream"
    )
    return uploads.serve_file(
        request, certification.file, filename=f"certificate-{certification.pk}.{extension}", content_type=content_type
    )
