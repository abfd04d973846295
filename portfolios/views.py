from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from awards.models import Award
from events.models import Participation, RecordTask
from networks.models import Network
from observations.models import Lesson, Observation
from ortaq.lib.views import user_of
from portfolios.permissions import get_person_record_for_user


@login_required
@require_GET
def person_record(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything a person did in the networks the reader may see, for attestation."""
    viewer = user_of(request)
    person = get_person_record_for_user(viewer, pk)
    networks = Network.objects.visible_to(viewer) if person.pk != viewer.pk else None
    scope = Q() if networks is None else Q(network__in=networks)
    event_scope = Q() if networks is None else Q(event__network__in=networks)
    taken_part = (
        Participation.objects.filter(user=person)
        .filter(event_scope)
        .select_related("event__network")
        .order_by("-event__starts_at")
    )
    lessons = (
        Lesson.objects.filter(teacher=person)
        .filter(scope)
        .select_related("event_link__event", "subject", "school")
        .annotate(observer_count=Count("observations", filter=Q(observations__submitted_at__isnull=False)))
        .order_by("-event_link__event__starts_at", "-pk")
    )
    observations = (
        Observation.objects.filter(observer=person, submitted_at__isnull=False)
        .filter(Q() if networks is None else Q(lesson__network__in=networks))
        .select_related("lesson__teacher", "lesson__subject")
        .order_by("-submitted_at")
    )
    person_awards = Award.objects.filter(recipient=person).filter(scope).select_related("event").order_by("-issued_on")
    tasks = (
        RecordTask.objects.filter(owner=person)
        .filter(Q() if networks is None else Q(record__event__network__in=networks))
        .select_related("record__event", "owner")
        .order_by("done_at", "due_on", "pk")
    )
    participations = list(taken_part)
    attended = [p for p in participations if p.attendance == Participation.Attendance.PRESENT]
    return render(
        request,
        "portfolios/person_record.html",
        {
            "person": person,
            "participations": participations,
            "attended": len(attended),
            "lessons": lessons,
            "observations": observations,
            "awards": person_awards,
            "tasks": tasks,
            "is_self": person.pk == viewer.pk,
            "today": timezone.localdate(),
        },
    )
