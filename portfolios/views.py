from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from ortaq.lib.views import user_of
from portfolios.permissions import get_person_record_for_user
from portfolios.record import record_of


@login_required
@require_GET
def person_record(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything a person did in the networks the reader may see, for attestation."""
    viewer = user_of(request)
    person = get_person_record_for_user(viewer, pk)
    record = record_of(person, viewer=viewer)
    return render(
        request,
        "portfolios/person_record.html",
        {
            "person": person,
            "participations": record.participations,
            "attended": record.attended,
            "lessons": record.lessons,
            "observations": record.observations,
            "awards": record.awards,
            "tasks": record.tasks,
            "record": record,
            "is_self": person.pk == viewer.pk,
            "today": timezone.localdate(),
        },
    )
