"""Event e-mails: invitations, reminders, changes and a record's materials, each in
the recipient's language. They are sent by tasks (events/tasks.py), never by the web
request that caused them, and they read everything by id when they run."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from events.models import MaterialsDispatch, Participation

SUBJECTS = {
    "invitation": lambda e: _("Invitation: %(title)s") % {"title": e.title},
    "reminder": lambda e: _("Tomorrow: %(title)s") % {"title": e.title},
    "moved": lambda e: _("Moved: %(title)s") % {"title": e.title},
    "cancelled": lambda e: _("Cancelled: %(title)s") % {"title": e.title},
    "promoted": lambda e: _("A place is yours: %(title)s") % {"title": e.title},
}


def send_one(participation: Participation, what: str) -> None:
    event, user = participation.event, participation.user
    with translation.override(user.writing_language), timezone.override(settings.TIME_ZONE):
        context = {"event": event, "person": user, "what": what, "url": settings.SITE_URL + event.get_absolute_url()}
        subject = SUBJECTS[what](event)
        body = render_to_string("events/email/notice.txt", context)
    send_mail(subject, body, None, [user.email])


def send_to_participants(participation_ids: Iterable[int], what: str) -> int:
    """The same notice to each participation, in the given order; gone ones are skipped."""
    ids = list(participation_ids)
    found = Participation.objects.select_related("event", "user").in_bulk(ids)
    sent = 0
    for pk in ids:
        if pk in found:
            send_one(found[pk], what)
            sent += 1
    return sent


def send_materials(dispatch_id: int) -> int:
    """A record's materials to the coordinators the dispatch names."""
    dispatch = (
        MaterialsDispatch.objects.select_related("record__event", "sent_by", "material").filter(pk=dispatch_id).first()
    )
    if dispatch is None:
        return 0
    record, material = dispatch.record, dispatch.material
    event = record.event
    attachments = list(event.attachments.all())
    people = list(dispatch.recipients.order_by("school__name", "full_name"))
    for person in people:
        with translation.override(person.writing_language), timezone.override(settings.TIME_ZONE):
            context = {
                "event": event,
                "record": record,
                "person": person,
                "sender": dispatch.sent_by,
                "url": settings.SITE_URL + event.get_absolute_url(),
                "files": [(a.name, settings.SITE_URL + a.get_absolute_url()) for a in attachments],
                "library_url": settings.SITE_URL + material.get_absolute_url() if material else "",
            }
            subject = _("Materials: %(title)s") % {"title": event.title}
            body = render_to_string("events/email/materials.txt", context)
        send_mail(subject, body, None, [person.email])
    return len(people)
