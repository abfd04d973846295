"""Questionnaires travel as SurveyJS JSON: the library's exports, imports as a network's
own questionnaire with its scales, subscales, reverse-keyed statements and conditions,
and exports again the same."""

from __future__ import annotations

import io
import json

import pytest
from django.urls import reverse

from ortaq.testing import as_user
from surveys import surveyjs
from surveys.models import Instrument, Item

pytestmark = pytest.mark.django_db


def test_a_questionnaire_goes_out_and_comes_back_the_same(cast, library):
    original = library["teacher-questionnaire"].latest_version()
    assert original is not None
    document = surveyjs.export(original)
    assert document["pages"][3]["elements"][0]["type"] == "matrix"
    assert document["pages"][0]["elements"][0]["title"]["default"] == "Қай мектепте жұмыс істейсіз?"
    copy = surveyjs.import_document(json.loads(json.dumps(document)), network=cast.network, by=cast.leader)
    version = copy.latest_version()
    assert version is not None
    again = surveyjs.export(version)
    assert again["pages"] == document["pages"]
    regret = Item.objects.get(section__version__instrument=copy, code="js_regret")
    assert regret.reverse_keyed and regret.subscale == "satisfaction" and regret.parent is not None
    feedback = Item.objects.get(section__version__instrument=copy, code="feedback")
    assert feedback.show_if == {"item": "fb_from", "in": ["director", "colleagues", "coach", "expert", "pupils"]}


def test_the_pages_download_and_import_for_those_who_run_surveys(cast, library):
    url = reverse("surveys:surveyjs_export", args=[cast.network.pk, library["event-feedback"].pk])
    leader = as_user(cast.leader)
    document = leader.get(url)
    assert document.status_code == 200 and json.loads(document.content)["pages"]
    upload = io.BytesIO(document.content)
    upload.name = "feedback.json"
    imported = leader.post(reverse("surveys:surveyjs_import", args=[cast.network.pk]), {"document": upload})
    assert imported.status_code == 302
    assert Instrument.objects.filter(network=cast.network).count() == 1
    broken = io.BytesIO(b'{"pages": [{"elements": [{"type": "signaturepad", "name": "x"}]}]}')
    broken.name = "x.json"
    leader.post(reverse("surveys:surveyjs_import", args=[cast.network.pk]), {"document": broken})
    assert Instrument.objects.filter(network=cast.network).count() == 1
    assert as_user(cast.teacher).get(url).status_code == 403
    assert as_user(cast.outsider).get(url).status_code == 404
    assert as_user(cast.teacher).post(reverse("surveys:surveyjs_import", args=[cast.network.pk])).status_code == 403
