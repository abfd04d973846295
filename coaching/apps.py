from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoachingConfig(AppConfig):
    name = "coaching"
    verbose_name = _("Coaching")

    def ready(self) -> None:
        import coaching.notices  # noqa: F401  (registers its kinds of notice)
        from coaching import lessons, panels
        from observations import holders

        holders.register("coaching", lessons.holder_of, lessons.holds, private_to=lessons.private_to)
        lessons.connect()
        panels.register()
