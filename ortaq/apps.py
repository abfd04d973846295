from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrtaqConfig(AppConfig):
    name = "ortaq"
    verbose_name = _("Ortaq")

    def ready(self) -> None:
        from ortaq import checks  # noqa: F401  (registers the system checks)
        from ortaq.lib import collation  # noqa: F401  (registers the SQLite collation)
