from __future__ import annotations

from typing import Any

from django import forms

from accounts.models import User
from notifications import actions, kinds
from notifications.kinds import Channel
from notifications.models import Preference


class PreferencesForm(forms.Form):
    """One choice per kind of notice: at once, a daily digest, the site only, or off."""

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        chosen = dict(Preference.objects.filter(user=user).values_list("kind", "channel"))
        for kind in kinds.every():
            self.fields[kind.key] = forms.ChoiceField(
                label=str(kind.label),
                choices=Channel.choices,
                initial=chosen.get(kind.key, kind.default),
                widget=forms.RadioSelect,
                required=False,
            )

    def save(self) -> None:
        for key, channel in self.cleaned_data.items():
            if channel:  # a kind left out of the form keeps its choice
                actions.set_channel(self.user, key, Channel(channel))
