from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from observations import actions
from observations.forms import ObservationEntryForm, ObservationFormForm
from observations.models import Observation, ObservationForm
from observations.permissions import REFUSED, get_forms_network, get_lesson_for_user
from ortaq.lib import editing, uploads
from ortaq.lib.access import require
from ortaq.lib.views import user_of


@login_required
@require_GET
def lesson_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    lesson_access = get_lesson_for_user(user, pk)
    lesson = lesson_access.lesson
    context: dict[str, Any] = {
        "lesson": lesson,
        "holder": lesson_access.holder,
        "network": lesson_access.access.network,
        "can_organise": lesson_access.can_organise,
        "is_teacher": lesson_access.is_teacher,
        "may_observe": lesson_access.may_observe,
        "mine": lesson.observations.filter(observer=user).first(),
        "observer_count": lesson.observations.submitted().count(),
    }
    if lesson_access.may_read_feedback:
        context["feedback"] = lesson.feedback(for_teacher=lesson_access.feedback_for_teacher)
    if lesson_access.can_organise:
        context["observations"] = lesson.observations.select_related("observer").order_by("submitted_at", "pk")
        context["pending_release"] = lesson.observations.submitted().filter(released_at__isnull=True).count()
    return render(request, "observations/lesson_detail.html", context)


@login_required
@require_GET
def lesson_plan_file(request: HttpRequest, pk: int) -> HttpResponse:
    lesson = get_lesson_for_user(user_of(request), pk).lesson
    if not lesson.plan_file:
        raise Http404(_("No such file."))
    return uploads.serve_file(request, lesson.plan_file, filename=lesson.plan_file_name or "plan", as_attachment=True)


@login_required
def observe(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    lesson_access = get_lesson_for_user(user, pk)
    lesson = lesson_access.lesson
    require(lesson_access.may_observe, _("You cannot observe this lesson."))
    criteria = list(lesson.form.criteria.prefetch_related("levels"))  # type: ignore[union-attr]
    observation = lesson.observations.filter(observer=user).prefetch_related("scores").first()
    form = ObservationEntryForm(
        request.POST or None,
        initial=draft_of(observation),
        criteria=criteria,
        version=observation.version if observation else 0,
    )
    context = {"form": form, "lesson": lesson, "holder": lesson_access.holder, "observation": observation}
    if request.method == "POST":
        if observation and observation.is_submitted:
            # Submitted from another device meanwhile: this page's text is not saved, but
            # it comes back in the form, to be copied, rather than being lost.
            messages.error(
                request,
                _("This observation is already submitted: what you typed is not saved, but it is still in the form."),
            )
            return render(request, "observations/observe.html", context, status=409)
        if form.is_valid():
            submit = "submit" in request.POST
            try:
                actions.save_observation(
                    lesson,
                    user,
                    scores=form.scores(),
                    what_worked=form.cleaned_data["what_worked"],
                    what_to_develop=form.cleaned_data["what_to_develop"],
                    comments=form.cleaned_data["comments"],
                    submit=submit,
                    version=form.opened_version,
                )
            except editing.StaleEdit:
                saved = lesson.observations.filter(observer=user).prefetch_related("scores").get()
                return editing.refuse_stale(
                    request,
                    "observations/observe.html",
                    {"lesson": lesson, "holder": lesson_access.holder, "observation": saved},
                    form=form,
                    saved=ObservationEntryForm(initial=draft_of(saved), criteria=criteria, version=saved.version),
                    saved_at=saved.updated_at,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if submit:
                    messages.success(request, _("Your observation is submitted."))
                    return redirect(lesson)
                # A draft is saved in the middle of a lesson: the observer goes on writing.
                messages.success(request, _("Your draft is saved."))
                return redirect("observations:observe", pk=lesson.pk)
    return render(request, "observations/observe.html", context)


def draft_of(observation: Observation | None) -> dict[str, Any]:
    """An observer's saved form as the form's initial values."""
    if observation is None:
        return {}
    return {
        "what_worked": observation.what_worked,
        "what_to_develop": observation.what_to_develop,
        "comments": observation.comments,
        **{f"criterion_{s.criterion_id}": s.score for s in observation.scores.all()},
    }


@login_required
@require_POST
def release(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    lesson_access = get_lesson_for_user(user, pk)
    lesson = lesson_access.lesson
    require(lesson_access.can_organise, REFUSED)
    observation = None
    observation_pk = request.POST.get("observation", "")
    if observation_pk:
        observation = get_object_or_404(
            Observation, pk=observation_pk if observation_pk.isdigit() else 0, lesson=lesson
        )
    count = actions.release_observations(lesson, by=user, observation=observation)
    messages.success(request, _("Released to the teacher: %(count)s.") % {"count": count})
    return redirect(lesson)


@login_required
def observation_forms(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_forms_network(user_of(request), pk)
    form = ObservationFormForm(request.POST or None)
    if request.method == "POST":
        require(access.can_organise, REFUSED)
        if form.is_valid():
            created = form.save(access.network)
            messages.success(request, _("The form «%(name)s» is created.") % {"name": created.name})
            return redirect("observations:forms", pk=pk)
    forms_ = ObservationForm.objects.filter(network=access.network).prefetch_related("criteria__levels")
    return render(
        request,
        "observations/observation_forms.html",
        {"network": access.network, "access": access, "observation_forms": forms_, "form": form},
    )
