"""The network's list of pairs keeps each row's HTML in the cache under everything the
row shows (mentoring/pages.py, ortaq/lib/fragments.py): whatever changes — a name, a
school, the kind, a meeting, a completion, the days that make a pair quiet — shows at
once, and the page is the same as without the cache."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from mentoring import actions
from mentoring.models import Pair
from mentoring.tests.factories import add_meeting, make_pair
from ortaq.testing import as_user

pytestmark = [pytest.mark.django_db, pytest.mark.speed_helpers]


def pairs_page(cast) -> str:
    response = as_user(cast.leader).get(reverse("mentoring:network", args=[cast.network.pk]))
    assert response.status_code == 200
    return response.content.decode()


def row_of(cast, pair: Pair) -> str:
    match = re.search(rf'<tr id="pair-{pair.pk}">.*?</tr>', pairs_page(cast), re.S)
    assert match, f"no row for pair {pair.pk}"
    return match.group(0)


def test_names_a_school_and_the_kind_show_at_once(cast):
    pair = make_pair(cast)
    row = row_of(cast, pair)  # fills the cache
    assert cast.teacher.full_name in row and cast.coach.full_name in row and cast.attached_school.name in row
    assert "uncertified teacher" in row
    cast.teacher.full_name = "Жаңа Тәлімгер Алушы"
    cast.teacher.save()
    cast.coach.full_name = "Жаңа Тәлімгер"
    cast.coach.save()
    cast.attached_school.name = "№8 орта мектеп"
    cast.attached_school.save()
    Pair.objects.filter(pk=pair.pk).update(kind=Pair.Kind.NEW_TEACHER)
    row = row_of(cast, pair)
    assert "Жаңа Тәлімгер Алушы" in row and "Жаңа Тәлімгер</td>" in row and "№8 орта мектеп" in row
    assert "new teacher" in row and "uncertified" not in row


def test_a_meeting_and_a_completion_show_at_once(cast):
    pair = make_pair(cast, started_days_ago=40)
    row = row_of(cast, pair)
    assert "no meeting yet" in row and "quiet" in row
    add_meeting(pair, days_ago=2)
    met = (timezone.localdate() - datetime.timedelta(days=2)).strftime("%d.%m.%Y")
    row = row_of(cast, pair)
    assert met in row and "no meeting yet" not in row and "quiet" not in row
    actions.complete_pair(pair, summary="", by=cast.leader)
    row = row_of(cast, pair)
    assert 'class="badge badge--ok">completed</span>' in row
    assert timezone.localdate().strftime("%d.%m.%Y") in row


def test_a_pair_goes_quiet_when_its_days_have_passed(cast, time_machine):
    pair = make_pair(cast, started_days_ago=20)  # quiet after 21 days
    assert "quiet" not in row_of(cast, pair)
    # Past midnight, well within the day a piece is kept: the row is read from the
    # cache unless its key knows the day made the pair quiet.
    time_machine.move_to(timezone.now() + datetime.timedelta(hours=15))
    assert "quiet" in row_of(cast, pair)


def test_another_pair_with_the_same_values_links_to_itself(cast):
    first = make_pair(cast)
    row_of(cast, first)
    first.delete()
    second = make_pair(cast)
    assert second.get_absolute_url() in row_of(cast, second)


def test_the_page_is_the_same_without_the_cache(cast, settings):
    make_pair(cast, started_days_ago=40)
    add_meeting(make_pair(cast, mentor=cast.director, mentee=cast.coordinator, kind=Pair.Kind.DIRECTOR))
    empty_cache, from_cache = pairs_page(cast), pairs_page(cast)
    settings.SPEED_HELPERS = False
    plain = pairs_page(cast)
    token = re.compile(r'(X-CSRFToken": "|csrfmiddlewaretoken" value=")[^"]+')
    assert token.sub(r"\1", empty_cache) == token.sub(r"\1", from_cache) == token.sub(r"\1", plain)
