from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MaterialsConfig(AppConfig):
    name = "materials"
    verbose_name = _("Library")

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from materials.models import MaterialFile
        from materials.storage import delete_files_after_commit

        # However a file's row goes (a deleted material, version, or the admin), its
        # bytes leave the storage too — after the commit, so a rollback keeps them.
        post_delete.connect(delete_files_after_commit, sender=MaterialFile, dispatch_uid="materials-delete-files")
