"""Background work of the networks app (django-tasks): the invitations an import sends
leave from the task worker, not from the request that made them."""

from __future__ import annotations

from django.core.mail import get_connection
from django_tasks import task

from networks.models import Invitation


@task()
def send_invitations(invitation_ids: list[int]) -> int:
    """The letter of each invitation still usable (one withdrawn meanwhile is not
    sent), over one connection to the mail server."""
    from networks.actions import send_invitation  # actions queue this task

    invitations = Invitation.objects.usable().filter(pk__in=invitation_ids).exclude(email="")
    sent = 0
    with get_connection() as connection:
        for invitation in invitations.select_related("network", "school").order_by("pk"):
            send_invitation(invitation, connection=connection)
            sent += 1
    return sent
