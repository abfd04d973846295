from __future__ import annotations

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from exchange.export import FORMATS, XLSX
from ortaq.lib.kept_uploads import KeepsUploads
from ortaq.lib.uploads import CSV_MIME, DOCUMENT, TABLE, Accepts, Detected

# An XLSX workbook or a CSV table, checked by what the file is, not its name.
IMPORT_FILE = Accepts(
    families=frozenset({DOCUMENT, TABLE}),
    types=frozenset({XLSX.media_type, CSV_MIME}),
    limit_setting="ORTAQ_IMPORT_MAX_BYTES",
)


class ExportForm(forms.Form):
    format = forms.ChoiceField(
        label=capfirst(_("format")),
        choices=[(fmt.key, fmt.label) for fmt in FORMATS.values()],
        initial="xlsx",
        widget=forms.RadioSelect,
    )


class ImportForm(KeepsUploads, forms.Form):
    """The file to import. Kept between its check and the import (ortaq/lib/kept_uploads.py),
    so the person chooses it once."""

    keeps = {"file": IMPORT_FILE}
    file = forms.FileField(
        label=capfirst(_("file of schools and people")),
        help_text=_("The template filled in, or your own XLSX or CSV file with its columns."),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        self.detected: Detected = IMPORT_FILE.check(upload)
        return upload

    @property
    def is_csv(self) -> bool:
        return self.detected.mime == CSV_MIME
