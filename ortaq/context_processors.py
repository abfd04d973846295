from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, object]:
    return {"SITE_NAME": settings.ORTAQ_SITE_NAME, "ORTAQ_OPEN_SIGNUP": settings.ORTAQ_OPEN_SIGNUP}
