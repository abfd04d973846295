"""The demo library of «Шуақ»: lived-in, small, and seeded once."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from materials.demo import seed
from materials.models import Collection, Comment, Material, MaterialFile, UsefulMark
from networks.audiences import Visibility
from networks.models import Network
from ortaq.lib import uploads
from ortaq.lib.pdf import tiny_pdf

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count() for model in (Material, MaterialFile, Collection, Comment, UsefulMark)
    }


def test_it_fills_the_library_of_shuaq_once(media):
    out = io.StringIO()
    call_command("demo", stdout=out)  # the demo command seeds the library after the network
    shuaq = Network.objects.get(name="Шуақ")
    materials = Material.objects.filter(network=shuaq)
    # The library's own seed, and what the demo's Lesson Study and sequenced lessons
    # published to it (a report; a medium-term plan and its five short-term plans).
    assert 35 + 7 <= materials.count() <= 50 + 7
    assert materials.filter(language="ru").exists() and materials.filter(language="kk").count() > 30
    assert materials.filter(visibility=Visibility.PUBLIC).exists()
    assert materials.filter(visibility=Visibility.GROUP, group__isnull=False).exists()
    assert materials.filter(kind=Material.Kind.ASSESSMENT).count() >= 4
    assert materials.filter(title="Квадрат теңдеулерді шешу", subject__code="mathematics", grade_mask=1 << 9).exists()
    assert Collection.objects.filter(network=shuaq, created_by__email="coach@demo.ortaq.kz").count() >= 2
    assert Comment.objects.exists() and UsefulMark.objects.count() > 50
    for material in materials:
        assert material.useful_count == material.useful_marks.count()
        assert material.current_version is not None
    # Small files, recognised by their content; a document the other apps generate (the
    # Lesson Study report, the lesson plans) carries python-docx's styles or PDF fonts.
    for file in MaterialFile.objects.all():
        generated = file.name.endswith((".docx", ".pdf"))
        assert file.size < (100_000 if generated else 20_000), file.name
        with file.file.open("rb") as handle:
            assert uploads.detect(handle, {"document", "image"}).mime == file.mime
    assert "Library added" in out.getvalue()

    before = counts()
    again = io.StringIO()
    seed(again)
    assert counts() == before
    assert "nothing changed" in again.getvalue()


def test_it_waits_for_the_demo_network(media):
    out = io.StringIO()
    seed(out)
    assert not Material.objects.exists() and "demo" in out.getvalue()


def test_the_tiny_pdf_is_a_pdf():
    content = tiny_pdf("Квадрат теңдеулерді шешу", ["Lesson plan"])
    assert content.startswith(b"%PDF-1.4") and content.rstrip().endswith(b"%%EOF")
    assert b"/Title <FEFF" in content and len(content) < 2000
