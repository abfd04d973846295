from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiariesConfig(AppConfig):
    name = "diaries"
    verbose_name = _("Reflective diary")

    def ready(self) -> None:
        import diaries.notices  # noqa: F401  (registers its kinds of notice)
        from diaries import parts

        parts.register()
