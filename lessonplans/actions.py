"""Workflows of sequenced lessons. Views and the API call these verbs; each runs in one
transaction, checks the version the form was opened at (ortaq/lib/editing.py) and sends
its notices there."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.submissions import Submission, record
from lessonplans import documents, notices
from lessonplans.models import LessonPlan, Series, Stage
from materials import actions as library
from materials.models import Material
from networks.models import ORGANISING_ROLES, Network
from notifications.actions import notify
from ortaq.lib import editing

SERIES_FIELDS = ("title", "subject", "grade", "unit", "group", "modules", "description", "language")
LESSON_FIELDS = (
    "topic",
    "date",
    "teacher",
    "class_name",
    "present",
    "absent",
    "objective_codes",
    "objectives",
    "success_criteria",
    "values",
    "assessment",
    "differentiation",
    "resources",
    "reflection",
)
STAGE_FIELDS = ("part", "minutes", "teacher_actions", "pupil_actions", "assessment", "resources")


def tell_new_authors(series: Series, people: Sequence[User], by: User | None) -> None:
    if people:
        notify(
            people,
            notices.AUTHOR.key,
            title=series.title,
            url=series.get_absolute_url(),
            actor=by,
            network_id=series.network_id,
            about=("lessonplans.series", series.pk),
        )


def _set_authors(series: Series, authors: Sequence[User], by: User | None) -> None:
    before = set(series.authors.values_list("pk", flat=True))
    wanted = list(dict.fromkeys(authors))
    series.authors.set(wanted)
    tell_new_authors(series, [person for person in wanted if person.pk not in before], by)


@transaction.atomic
def start_series(
    network: Network, *, by: User, authors: Sequence[User] = (), submission: Submission | None = None, **fields: Any
) -> Series:
    """A new draft; the person who starts it is its first author."""
    series = Series(network=network, created_by=by, **fields)
    series.full_clean(exclude=["collection", "material"])
    series.save()
    _set_authors(series, [by, *authors], by)
    record(submission, series.get_absolute_url())
    return series


@transaction.atomic
def save_series(
    series: Series, *, version: int | None, by: User | None, authors: Sequence[User], **fields: Any
) -> Series:
    editing.claim_version(series, version)
    for name, value in fields.items():
        setattr(series, name, value)
    series.full_clean(exclude=["collection", "material"])
    series.save(update_fields=[*fields, "updated_at"])
    _set_authors(series, authors, by)
    return series


@transaction.atomic
def add_lesson(series: Series, *, topic: str, by: User, submission: Submission | None = None) -> LessonPlan:
    """A new lesson at the end of the series, with the three parts of a lesson as rows
    to fill in."""
    Series.objects.select_for_update().filter(pk=series.pk).first()  # numbers given one at a time
    order = (series.lessons.aggregate(last=Max("order"))["last"] or 0) + 1
    lesson = LessonPlan.objects.create(series=series, order=order, topic=topic, updated_by=by)
    Stage.objects.bulk_create(
        [Stage(lesson=lesson, order=n, part=part) for n, part in enumerate(Stage.Part.values, start=1)]
    )
    record(submission, lesson.get_absolute_url())
    return lesson


@transaction.atomic
def save_lesson(
    lesson: LessonPlan,
    *,
    version: int | None,
    by: User | None,
    stages: Sequence[dict[str, Any]] | None = None,
    **fields: Any,
) -> LessonPlan:
    """The lesson's own fields and, when given, its stages as they are to be, in order.
    The stages are part of the lesson's version: two people editing one ҚМЖ do not
    overwrite each other's rows either."""
    editing.claim_version(lesson, version)
    for name, value in fields.items():
        setattr(lesson, name, value)
    lesson.updated_by = by
    lesson.full_clean(exclude=["series", "material", "teacher", "updated_by"])
    lesson.save(update_fields=[*fields, "updated_by", "updated_at"])
    if stages is not None:
        lesson.stages.all().delete()
        Stage.objects.bulk_create(
            [
                Stage(
                    lesson=lesson,
                    order=n,
                    **{name: row.get(name) or ("" if name != "minutes" else None) for name in STAGE_FIELDS},
                )
                for n, row in enumerate(stages, start=1)
            ]
        )
    return lesson


@transaction.atomic
def move_lesson(lesson: LessonPlan, *, up: bool) -> None:
    """Swaps the lesson with its neighbour in the series."""
    lessons = LessonPlan.objects.select_for_update().filter(series=lesson.series_id)
    neighbour = (
        lessons.filter(order__lt=lesson.order).order_by("-order", "-pk").first()
        if up
        else lessons.filter(order__gt=lesson.order).order_by("order", "pk").first()
    )
    if neighbour is None:
        return
    lesson.order, neighbour.order = neighbour.order, lesson.order
    LessonPlan.objects.bulk_update([lesson, neighbour], ["order"])


@transaction.atomic
def delete_lesson(lesson: LessonPlan) -> None:
    """The lesson and its stages; what was published of it stays in the library."""
    series_id, order = lesson.series_id, lesson.order
    lesson.delete()
    for later in LessonPlan.objects.filter(series=series_id, order__gt=order).order_by("order"):
        later.order -= 1
        later.save(update_fields=["order"])


# --- Publishing to the library ----------------------------------------------------------------


@dataclass(frozen=True)
class Published:
    collection_id: int
    materials: int


def lessons_of(series: Series) -> list[LessonPlan]:
    return list(series.lessons.select_related("teacher").prefetch_related("stages").order_by("order", "pk"))


def _docx_upload(series: Series, lessons: Sequence[LessonPlan], lesson: LessonPlan | None) -> list[library.Upload]:
    content = documents.lessons_docx(series, lessons, series.language)
    name = documents.file_name(series, lesson, "docx")
    return library.validate_files([ContentFile(content, name=name)])


def _publish_one(
    series: Series, existing: Material | None, *, by: User, uploads: list[library.Upload], note: str, **fields: Any
) -> Material:
    if existing is not None:
        library.add_version(existing, by=by, files=uploads, note=note)
        return existing
    coauthors = [a for a in series.authors.all() if a.pk != by.pk]
    return library.publish_material(
        series.network,
        by=by,
        files=uploads,
        note=note,
        coauthors=coauthors,
        grades=[series.grade],
        subject=series.subject,
        language=series.language,
        visibility="network",
        **fields,
    )


def publish_series(series: Series, *, by: User) -> Published:
    """The series into the network's library as a collection: the whole medium-term plan
    as one material (a DOCX, a lesson a page) and each lesson's short-term plan as a
    material of its own, in the series' order, with the authors and a link back. Done
    again after changes, each material gets a new version and new lessons join the
    collection. The documents are written in the series' language of instruction."""
    with transaction.atomic():
        # Only the series is locked: PostgreSQL locks no row of an outer join (its group may be empty).
        series = (
            Series.objects.select_for_update(of=("self",))
            .select_related("subject", "group", "network")
            .get(pk=series.pk)
        )
        lessons = lessons_of(series)
        link = settings.SITE_URL + series.get_absolute_url()
        with translation.override(series.language):
            note = _("Published from the series of sequenced lessons: %(link)s") % {"link": link}
            description = "\n\n".join(
                part
                for part in (
                    series.description,
                    f"{_('Modules of the programme')}: {'; '.join(series.module_labels())}" if series.modules else "",
                    note,
                )
                if part
            )
            whole = _publish_one(
                series,
                series.material,
                by=by,
                uploads=_docx_upload(series, lessons, None),
                note=note,
                title=series.title[:255],
                description=description[:20000],
                kind=Material.Kind.MEDIUM_TERM_PLAN,
                objective_codes=list(dict.fromkeys(code for lesson in lessons for code in lesson.objective_codes)),
                tags=["тізбектелген сабақтар"],
            )
            if series.collection is None:
                series.collection = library.create_collection(
                    series.network,
                    by=by,
                    title=series.title[:255],
                    description=description[:10000],
                    visibility="network",
                )
            library.add_to_collection(series.collection, whole, by=by, note=_("The whole medium-term plan"))
            for lesson in lessons:
                material = _publish_one(
                    series,
                    lesson.material,
                    by=by,
                    uploads=_docx_upload(series, [lesson], lesson),
                    note=note,
                    title=f"{lesson.order}. {lesson.topic}"[:255],
                    description=f"{series.title}\n\n{lesson.objectives}\n\n{note}"[:20000],
                    kind=Material.Kind.LESSON_PLAN,
                    objective_codes=list(lesson.objective_codes),
                    tags=["тізбектелген сабақтар"],
                )
                if lesson.material_id != material.pk:
                    LessonPlan.objects.filter(pk=lesson.pk).update(material=material)
                library.add_to_collection(series.collection, material, by=by)
        first_time = not series.is_published
        series.material = whole
        series.status = Series.Status.PUBLISHED
        series.published_at = series.published_at or timezone.now()
        series.save(update_fields=["material", "collection", "status", "published_at", "updated_at"])
        if first_time:
            tell_published(series, by)
    return Published(series.collection.pk, 1 + len(lessons))


def tell_published(series: Series, by: User) -> None:
    """The developing group's members (the group's notice) and the network's organisers
    hear that the series is in the library."""
    people: list[User] = []
    if series.group is not None:
        people += list(series.group.members.all())
    people += list(
        User.objects.filter(
            memberships__network=series.network, memberships__role__in=ORGANISING_ROLES, is_active=True
        ).distinct()
    )
    people += list(series.authors.all())
    notify(
        list({p.pk: p for p in people}.values()),
        notices.PUBLISHED.key,
        title=series.title,
        url=series.get_absolute_url(),
        actor=by,
        network_id=series.network_id,
        about=("lessonplans.series", series.pk),
    )


def docx_of(series: Series, lesson: LessonPlan | None = None) -> io.BytesIO:
    lessons = [lesson] if lesson is not None else lessons_of(series)
    return io.BytesIO(documents.lessons_docx(series, lessons, translation.get_language() or "kk"))
