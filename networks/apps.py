from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "networks"
    verbose_name = _("Network communities")

    def ready(self) -> None:
        import networks.notices  # noqa: F401  (registers its kinds of notice)
        from networks import audiences, signals
        from notifications import kinds

        signals.connect()
        kinds.register_scope(audiences.notice_scope)
