from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    name = "mentoring"
    verbose_name = _("Mentoring")

    def ready(self) -> None:
        import mentoring.notices  # noqa: F401  (registers its kinds of notice)
        from mentoring import parts

        parts.register()
