from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Surveys and needs assessment")

    def ready(self) -> None:
        import surveys.notices  # noqa: F401  (registers its kinds of notice)
        from surveys import parts

        parts.register()
