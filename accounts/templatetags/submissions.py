"""``{% submission_key %}``: the one-time key of a form that creates (accounts/submissions.py)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from accounts.submissions import FIELD, new_key

register = template.Library()


@register.simple_tag
def submission_key() -> SafeString:
    """A new key on every rendering: never put it in a piece ortaq/lib/fragments.py keeps
    in the cache, or every reader (and every later form of the same person) would share it."""
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_key())
