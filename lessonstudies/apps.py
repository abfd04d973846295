from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LessonStudiesConfig(AppConfig):
    name = "lessonstudies"
    verbose_name = _("Lesson Study")
