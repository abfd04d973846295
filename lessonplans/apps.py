from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LessonPlansConfig(AppConfig):
    name = "lessonplans"
    verbose_name = _("Sequenced lessons")

    def ready(self) -> None:
        import lessonplans.notices  # noqa: F401  (registers its kinds of notice)
