from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObservationsConfig(AppConfig):
    name = "observations"
    verbose_name = _("Lesson observation")

    def ready(self) -> None:
        import observations.notices  # noqa: F401  (registers its kinds of notice)
