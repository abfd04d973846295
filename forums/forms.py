from __future__ import annotations

import os
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from forums.models import Category, Thread
from ortaq.lib import uploads
from ortaq.lib.editing import VersionedForm
from ortaq.lib.kept_uploads import KeepsUploads

MAX_ATTACHMENTS = 5
ATTACHMENTS = uploads.Accepts(frozenset({uploads.IMAGE, uploads.DOCUMENT}))
MAX_BODY = 20000
BODY_HELP = _(
    "Markdown: **bold**, *italic*, > quote, - list, [link](https://…). "
    "Mention a member as @[Full Name](number) — the member list below gives it — "
    "or as @ and the first part of their e-mail address (@aigul for aigul@school.kz)."
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several files at once. Each is checked by its content (ortaq.lib.uploads): the
    cleaned value is a list of (file, what it really is)."""

    widget = MultipleFileInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[tuple[UploadedFile, uploads.Detected]]:
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > MAX_ATTACHMENTS:
            raise ValidationError(
                _("Attach at most %(limit)s files to one message.") % {"limit": MAX_ATTACHMENTS}, code="too_many"
            )
        checked = []
        errors = []
        for upload in files:
            try:
                checked.append((upload, ATTACHMENTS.check(upload)))
            except ValidationError as error:
                name = os.path.basename(upload.name or "")
                errors.extend(f"«{name}»: {message}" for message in error.messages)
        if errors:
            raise ValidationError(errors)
        return checked


class BodyField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", capfirst(_("text")))
        kwargs.setdefault("max_length", MAX_BODY)
        kwargs.setdefault("help_text", BODY_HELP)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 8}))
        kwargs.setdefault("strip", False)  # keep the writer's indentation (code, nested lists)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        value = super().clean(value)
        if not value.strip():
            raise ValidationError(_("Write something first."), code="empty")
        return value.rstrip()


class ThreadForm(KeepsUploads, forms.Form):
    keeps = {"attachments": ATTACHMENTS}

    category = forms.ModelChoiceField(label=capfirst(_("category")), queryset=Category.objects.none())
    title = forms.CharField(label=capfirst(_("title")), max_length=200)
    is_question = forms.BooleanField(
        label=capfirst(_("this is a question")),
        required=False,
        help_text=_("You or a moderator can then mark the reply that solved it."),
    )
    body = BodyField(required=False)
    attachments = AttachmentsField(label=capfirst(_("images and files")), help_text=_("Up to 5 files."))

    def __init__(self, *args: Any, categories: list[Category], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if categories:
            self.fields["category"].queryset = Category.objects.filter(pk__in=[c.pk for c in categories])
            self.fields["category"].choices = [("", "—")] + [(c.pk, c.name) for c in categories]
        else:
            del self.fields["category"]

    def clean_title(self) -> str:
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise ValidationError(_("Give the discussion a title."))
        return title


class PostForm(KeepsUploads, forms.Form):
    keeps = {"attachments": ATTACHMENTS}

    body = BodyField(required=False)
    attachments = AttachmentsField(label=capfirst(_("images and files")), help_text=_("Up to 5 files."))


class EditForm(VersionedForm, forms.Form):
    """Editing a post; the opening post also carries the thread's title and kind."""

    title = forms.CharField(label=capfirst(_("title")), max_length=200)
    is_question = forms.BooleanField(label=capfirst(_("this is a question")), required=False)
    body = BodyField(required=False)

    def __init__(self, *args: Any, opening: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not opening:
            del self.fields["title"]
            del self.fields["is_question"]

    def clean_title(self) -> str:
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise ValidationError(_("Give the discussion a title."))
        return title


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=capfirst(_("what is wrong with this message?")),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only the forum's moderators read this."),
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError(_("Say in a few words why you report it."))
        return reason


class MoveForm(forms.Form):
    category = forms.ModelChoiceField(label=capfirst(_("move to the category")), queryset=Category.objects.none())

    def __init__(self, *args: Any, thread: Thread, categories: list[Category], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(forum=thread.forum_id)
        self.fields["category"].choices = [(c.pk, c.name) for c in categories]
        self.fields["category"].initial = thread.category_id


class CategoryForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = ["name", "description", "position"]

    def __init__(self, *args: Any, forum_pk: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.forum_pk = forum_pk

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        # Compared in Python: SQLite's iexact folds ASCII only, not «Ә» or «Т».
        others = (
            Category.objects.filter(forum=self.forum_pk).exclude(pk=self.instance.pk).values_list("name", flat=True)
        )
        if name.casefold() in {other.casefold() for other in others}:
            raise ValidationError(_("The forum already has a category with this name."))
        return name
