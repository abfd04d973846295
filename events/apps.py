from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events and work plans")

    def ready(self) -> None:
        import events.notices  # noqa: F401  (registers its kinds of notice)
        from events import lessons
        from observations import holders

        holders.register("events", lessons.holder_of, lessons.holds)
        lessons.connect()
