from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class OrtaqConfig(AppConfig):
    name = "ortaq"
    verbose_name = _("Ortaq")

    def ready(self) -> None:
        from ortaq import checks  # noqa: F401  (registers the system checks)
        from ortaq.lib import (
            collation,  # noqa: F401  (registers the SQLite collation)
            converters,
        )

        converters.register()


class OrtaqAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the site of ortaq/admin_site.py (Kazakh alphabetical order)."""

    default = False  # «ortaq» in INSTALLED_APPS is OrtaqConfig
    default_site = "ortaq.admin_site.OrtaqAdminSite"
