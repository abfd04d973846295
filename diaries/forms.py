from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from diaries.models import Entry
from ortaq.lib.editing import VersionedForm
from ortaq.lib.widgets import DateInput


class EntryForm(VersionedForm, forms.ModelForm[Entry]):
    class Meta:
        model = Entry
        fields = ["written_on", "tried", "pupils", "next_steps"]
        widgets = {
            "written_on": DateInput(),
            "tried": forms.Textarea(attrs={"rows": 4}),
            "pupils": forms.Textarea(attrs={"rows": 4}),
            "next_steps": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "tried": _("A strategy, a question, a task: what you did differently."),
            "pupils": _("What you saw and heard: who answered, who did not, what they made."),
            "next_steps": _("What you will keep, change or try next time."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["written_on"].initial = timezone.localdate()

    def _post_clean(self) -> None:
        pass


class ShareForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Share with"), queryset=User.objects.none(), empty_label=None)

    def __init__(self, *args: Any, companions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = companions
