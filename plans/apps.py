from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Development plans and the rubric")

    def ready(self) -> None:
        import plans.notices  # noqa: F401  (registers its kinds of notice)
        from plans import needs, sources

        sources.register_built_in()
        needs.register()
