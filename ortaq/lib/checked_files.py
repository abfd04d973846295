"""The record of a file kept after ``ortaq.lib.uploads.detect`` read its content, shared
by the models that keep such files."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CheckedFile(models.Model):
    """A file kept after ``check_upload`` read its content: what it is, how big, who
    added it. An event's attachment and a coaching session's evidence add what they
    belong to, their ``upload_to`` and their address."""

    name = models.CharField(_("name"), max_length=255)
    family = models.CharField(_("kind"), max_length=16)
    mime = models.CharField(max_length=100, verbose_name=_("file type"))
    extension = models.CharField(max_length=8, verbose_name=_("extension"))
    size = models.PositiveBigIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.name
