from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.submissions import Submission, once_per_submission
from lessonplans import actions, documents, pages
from lessonplans.forms import LessonForm, NewLessonForm, SeriesFilter, SeriesForm, StageFormSet
from lessonplans.models import LessonPlan, Series, Stage
from lessonplans.permissions import (
    REFUSED,
    REFUSED_CREATE,
    get_edited_lesson,
    get_edited_series,
    get_lesson_for_user,
    get_series_for_user,
    groups_for,
    may_start_series,
)
from networks.permissions import get_network_access
from ortaq.lib import confirm, editing
from ortaq.lib.access import require
from ortaq.lib.views import first_error, user_of

# --- A network's series --------------------------------------------------------------------------


@login_required
@require_GET
def network_series(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    access = get_network_access(user, pk)
    filters = SeriesFilter(request.GET or None, network=access.network)
    series = (
        Series.objects.visible_to(user)
        .filter(network=access.network)
        .select_related("subject", "group")
        .annotate(lesson_count=Count("lessons"))
        .order_by("-created_at", "-pk")
    )
    if filters.is_valid():
        for name in ("subject", "grade", "group"):
            value = filters.cleaned_data.get(name)
            if value is not None and value != "":
                series = series.filter(**{name: value})
    return render(
        request,
        "lessonplans/network_series.html",
        {"network": access.network, "series_list": series, "filters": filters, "may_start": may_start_series(access)},
    )


@login_required
@once_per_submission
def series_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    access = get_network_access(user, pk)
    require(may_start_series(access), REFUSED_CREATE)
    groups = groups_for(access, user)
    form = SeriesForm(
        request.POST or None,
        instance=Series(network=access.network),
        network=access.network,
        groups=groups,
        version=0,
        initial={"group": groups.filter(kind="developing").first(), "language": translation.get_language()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            series = actions.start_series(
                access.network,
                by=user,
                authors=list(data["authors"]),
                submission=Submission.of(request),
                **{name: data[name] for name in actions.SERIES_FIELDS},
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The series is started: add its lessons."))
            return redirect(series)
    return render(request, "lessonplans/series_form.html", {"network": access.network, "form": form})


# --- A series -------------------------------------------------------------------------------------


@login_required
@require_GET
def series_detail(request: HttpRequest, pk: int) -> HttpResponse:
    series_access = get_series_for_user(user_of(request), pk)
    series = series_access.series
    return render(
        request,
        "lessonplans/series_detail.html",
        {
            "series": series,
            "network": series_access.network,
            "series_access": series_access,
            "lessons": pages.lesson_rows(series.pk),
            "authors": pages.author_names(series.pk),
            "new_lesson": NewLessonForm() if series_access.can_edit else None,
        },
    )


@login_required
def series_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    series_access = get_edited_series(user, pk)
    series = series_access.series
    groups = groups_for(series_access.access, user)
    if series.group_id:
        groups = groups | type(groups)(groups.model).filter(pk=series.group_id)
    form = SeriesForm(request.POST or None, instance=series, network=series.network, groups=groups.distinct())
    context: dict[str, Any] = {"series": series, "network": series.network, "form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.save_series(
                series,
                version=form.opened_version,
                by=user,
                authors=list(data["authors"]),
                **{name: data[name] for name in actions.SERIES_FIELDS},
            )
        except editing.StaleEdit:
            saved = Series.objects.get(pk=series.pk)
            return editing.refuse_stale(
                request,
                "lessonplans/series_form.html",
                context,
                form=form,
                saved=SeriesForm(instance=saved, network=series.network, groups=groups.distinct()),
                saved_at=saved.updated_at,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The series is saved."))
            return redirect(series)
    return render(request, "lessonplans/series_form.html", context)


@login_required
@require_POST
def series_publish(request: HttpRequest, pk: int) -> HttpResponse:
    series_access = get_series_for_user(user_of(request), pk)
    require(series_access.can_publish, REFUSED)
    series = series_access.series
    if not series.lessons.exists():
        messages.error(request, _("Add at least one lesson before publishing."))
        return redirect(series)
    try:
        actions.publish_series(series, by=user_of(request))
    except ValidationError as error:
        messages.error(request, first_error(error))
        return redirect(series)
    messages.success(request, _("Published to the library: the whole plan and each lesson, in one collection."))
    return redirect(series)


@login_required
@once_per_submission
@require_POST
def lesson_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    series_access = get_edited_series(user, pk)
    form = NewLessonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the lesson a topic."))
        return redirect(series_access.series)
    lesson = actions.add_lesson(
        series_access.series, topic=form.cleaned_data["topic"], by=user, submission=Submission.of(request)
    )
    return redirect("lessonplans:lesson_edit", pk=lesson.pk)


@login_required
@require_GET
def series_file(request: HttpRequest, pk: int, extension: str) -> HttpResponse:
    series_access = get_series_for_user(user_of(request), pk)
    return document(series_access.series, None, extension)


# --- A lesson --------------------------------------------------------------------------------------


@login_required
@require_GET
def lesson_detail(request: HttpRequest, pk: int) -> HttpResponse:
    series_access, lesson = get_lesson_for_user(user_of(request), pk)
    neighbours = pages.neighbours_of(lesson.series_id)
    index = next(i for i, row in enumerate(neighbours) if row[0] == lesson.pk)
    return render(
        request,
        "lessonplans/lesson_detail.html",
        {
            "series": series_access.series,
            "network": series_access.network,
            "series_access": series_access,
            "lesson": lesson,
            "stages": pages.stages_of(lesson.pk),
            "previous": neighbours[index - 1] if index > 0 else None,
            "next": neighbours[index + 1] if index + 1 < len(neighbours) else None,
        },
    )


def stage_rows(formset: Any) -> list[dict[str, Any]]:
    return [form.cleaned_data for form in formset.forms]


def moved(rows: list[dict[str, Any]], move: str) -> list[dict[str, Any]]:
    """The rows with one moved up or down («3:up»); an unknown move changes nothing."""
    index_text, _sep, direction = move.partition(":")
    if not index_text.isdigit():
        return rows
    index = int(index_text)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= index < len(rows) and 0 <= other < len(rows):
        rows = list(rows)
        rows[index], rows[other] = rows[other], rows[index]
    return rows


@login_required
def lesson_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The ҚМЖ and its stages in one form. Every button sends the whole form, so what is
    typed is saved with whatever it does: «Add a stage», a row's «up»/«down», «Save»;
    a row marked «remove when saved» goes with the save. A refused form comes back as typed."""
    user = user_of(request)
    series_access, lesson = get_edited_lesson(user, pk)
    series = series_access.series
    network = series_access.network
    if request.method == "POST":
        form = LessonForm(request.POST, instance=lesson, network=network)
        formset = StageFormSet(request.POST, prefix="stage")
    else:
        form = LessonForm(instance=lesson, network=network)
        initial = [stage.text_fields for stage in lesson.stages.all()]
        if request.GET.get("add"):
            initial.append({"part": Stage.Part.MIDDLE})
        formset = StageFormSet(initial=initial, prefix="stage")
    context: dict[str, Any] = {
        "series": series,
        "network": network,
        "lesson": lesson,
        "form": form,
        "formset": formset,
    }
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        rows = moved(stage_rows(formset), request.POST.get("move", ""))
        rows = [row for row in rows if not row.get("remove")]
        data = form.cleaned_data
        try:
            actions.save_lesson(
                lesson,
                version=form.opened_version,
                by=user,
                stages=rows,
                **{name: data[name] for name in actions.LESSON_FIELDS},
            )
        except editing.StaleEdit:
            saved = LessonPlan.objects.get(pk=lesson.pk)
            context["saved_stages"] = list(saved.stages.all())
            return editing.refuse_stale(
                request,
                "lessonplans/lesson_form.html",
                context,
                form=form,
                saved=LessonForm(instance=saved, network=network),
                saved_at=saved.updated_at,
                saved_by=saved.updated_by.full_name if saved.updated_by else "",
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            edit = reverse("lessonplans:lesson_edit", args=[lesson.pk])
            if "add_stage" in request.POST:
                return redirect(f"{edit}?add=1#stage-{len(rows)}")
            if request.POST.get("move"):
                return redirect(f"{edit}#stages")
            messages.success(request, _("The lesson plan is saved."))
            return redirect(lesson)
    return render(request, "lessonplans/lesson_form.html", context)


@login_required
@require_POST
def lesson_move(request: HttpRequest, pk: int) -> HttpResponse:
    series_access, lesson = get_edited_lesson(user_of(request), pk)
    actions.move_lesson(lesson, up=request.POST.get("direction") == "up")
    return redirect(series_access.series)


@login_required
def lesson_delete(request: HttpRequest, pk: int) -> HttpResponse:
    series_access, lesson = get_edited_lesson(user_of(request), pk)
    series = series_access.series
    if not confirm.confirmed(request):
        return confirm.ask(
            request,
            question=_("Delete the lesson «%(topic)s»?") % {"topic": lesson.topic},
            button=_("Delete the lesson"),
            back=lesson.get_absolute_url(),
            losses=[_("its short-term plan and the stages of the lesson")],
            keeps=[_("what was published of it stays in the library")] if lesson.material_id else [],
            place=[(series.get_absolute_url(), series.title)],
        )
    actions.delete_lesson(lesson)
    messages.success(request, _("The lesson is deleted."))
    return redirect(series)


@login_required
@require_GET
def lesson_file(request: HttpRequest, pk: int, extension: str) -> HttpResponse:
    series_access, lesson = get_lesson_for_user(user_of(request), pk)
    return document(series_access.series, lesson, extension)


# --- Files -------------------------------------------------------------------------------------------

TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def document(series: Series, lesson: LessonPlan | None, extension: str) -> HttpResponse:
    """The ҚМЖ of one lesson, or the whole series a lesson a page, in the page's language."""
    if extension not in TYPES:
        raise Http404(_("No such file."))
    lessons = (
        [LessonPlan.objects.select_related("teacher").prefetch_related("stages").get(pk=lesson.pk)]
        if lesson is not None
        else actions.lessons_of(series)
    )
    language = translation.get_language() or "kk"
    make = documents.lessons_docx if extension == "docx" else documents.lessons_pdf
    response = HttpResponse(make(series, lessons, language), content_type=TYPES[extension])
    name = documents.file_name(series, lesson, extension)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(name)}"
    return response


def _quote(name: str) -> str:
    return quote(name)
