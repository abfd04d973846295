from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LessonStudiesConfig(AppConfig):
    name = "lessonstudies"
    verbose_name = _("Lesson Study")

    def ready(self) -> None:
        import lessonstudies.notices  # noqa: F401  (registers its kinds of notice)
        from lessonstudies import lessons
        from observations import holders

        holders.register("lessonstudies", lessons.holder_of, lessons.holds, private_to=lessons.private_to)
        lessons.connect()
