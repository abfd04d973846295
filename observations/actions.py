"""Workflows of observation: adding a lesson to be observed, an observer's form kept
as a draft or submitted, and the release of observations to the teacher. Each runs in
one transaction."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from networks.models import Network
from notifications.actions import notify
from observations import notices
from observations.models import Lesson, Observation, ObservationScore
from ortaq.lib import editing


@transaction.atomic
def add_lesson(network: Network, *, plan_upload: UploadedFile[Any] | None = None, **fields: Any) -> Lesson:
    """A lesson of the network, with its plan file if one was sent (checked by the form)."""
    lesson = Lesson(network=network, **fields)
    if plan_upload:
        lesson.plan_file_name = (plan_upload.name or "plan")[:255]
        lesson.plan_file.save(plan_upload.name or "plan", plan_upload, save=False)
    lesson.save()
    return lesson


@transaction.atomic
def save_observation(
    lesson: Lesson,
    observer: User,
    *,
    scores: dict[int, int],
    what_worked: str = "",
    what_to_develop: str = "",
    comments: str = "",
    submit: bool = False,
    version: int | None = None,
) -> Observation:
    """Keep an observer's form; submitted, it counts in the combined feedback. Every
    score must be one of its criterion's levels, and a submitted form scores them all.
    ``version``: what the observer's form was opened at (0 before any draft); a draft
    saved since, from another device, makes this save ``StaleEdit``."""
    if lesson.form_id is None:
        raise ValidationError(_("This lesson has no observation form."))
    if lesson.teacher_id == observer.pk:
        raise ValidationError(_("A teacher does not observe their own lesson."))
    levels: dict[int, set[int]] = {}
    for criterion in lesson.form.criteria.prefetch_related("levels"):  # type: ignore[union-attr]
        levels[criterion.pk] = {level.score for level in criterion.levels.all()}
    for criterion_id, score in scores.items():
        if criterion_id not in levels or score not in levels[criterion_id]:
            raise ValidationError(_("Choose one of the levels for each criterion."))
    if submit and set(scores) != set(levels):
        raise ValidationError(_("Choose a level for every criterion before you submit."))
    observation, created = Observation.objects.select_for_update().get_or_create(lesson=lesson, observer=observer)
    if observation.is_submitted:
        raise ValidationError(_("This observation is already submitted."))
    if not created:
        editing.claim_version(observation, version)
    observation.what_worked = what_worked.strip()
    observation.what_to_develop = what_to_develop.strip()
    observation.comments = comments.strip()
    if submit:
        observation.submitted_at = timezone.now()
    observation.save()
    observation.scores.all().delete()
    ObservationScore.objects.bulk_create(
        ObservationScore(observation=observation, criterion_id=c, score=s) for c, s in scores.items()
    )
    return observation


@transaction.atomic
def release_observations(lesson: Lesson, *, by: User, observation: Observation | None = None) -> int:
    """Let the teacher see submitted observations: one, or all of the lesson's."""
    pending = lesson.observations.submitted().filter(released_at__isnull=True)
    if observation is not None:
        pending = pending.filter(pk=observation.pk)
    released = pending.update(released_at=timezone.now(), released_by=by)
    if released and lesson.feedback_needs_release:
        notify(
            [lesson.teacher],
            notices.RELEASED.key,
            title=lesson.topic,
            url=lesson.get_absolute_url(),
            actor=by,
            network_id=lesson.network_id,
        )
    return released
