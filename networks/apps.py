from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "networks"
    verbose_name = _("Network communities")

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from networks.models import Membership, NetworkSchool, forget_visible_networks
        from schools.models import District, School

        # Who sees which network (networks.models.visible_network_ids) changes with these.
        for model in (Membership, NetworkSchool, School):
            post_save.connect(forget_visible_networks, sender=model, dispatch_uid=f"reach-saved-{model.__name__}")
            post_delete.connect(forget_visible_networks, sender=model, dispatch_uid=f"reach-deleted-{model.__name__}")
        m2m_changed.connect(
            forget_visible_networks, sender=District.methodologists.through, dispatch_uid="reach-methodologists"
        )
