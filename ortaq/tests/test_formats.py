import datetime
from decimal import Decimal

from django.utils import formats, translation
from django.utils.dateformat import format as date_format


def test_kazakh_dates_are_day_month_year():
    with translation.override("kk"):
        assert formats.date_format(datetime.date(2026, 11, 3), "SHORT_DATE_FORMAT") == "03.11.2026"
        assert formats.date_format(datetime.date(2026, 11, 3)) == "03.11.2026"
        assert formats.get_format("FIRST_DAY_OF_WEEK") == 1
        assert formats.number_format(Decimal("31.5"), 1) == "31,5"


def test_kazakh_month_names_are_kazakh():
    with translation.override("kk"):
        assert date_format(datetime.date(2026, 9, 1), "F") == "Қыркүйек"


def test_every_interface_language_writes_dates_the_kazakhstan_way():
    for language in ("kk", "ru", "en"):
        with translation.override(language):
            assert formats.date_format(datetime.date(2026, 1, 5), "SHORT_DATE_FORMAT") == "05.01.2026", language
            assert formats.get_format("FIRST_DAY_OF_WEEK") == 1, language
            assert datetime.datetime.strptime("05.01.2026", formats.get_format("DATE_INPUT_FORMATS")[0]).day == 5


def test_time_since_reads_in_kazakh():
    from django.utils.timesince import timesince

    now = datetime.datetime(2026, 11, 23, 12, 0)
    with translation.override("kk"):
        text = timesince(now - datetime.timedelta(days=3, hours=2), now)
    assert text.startswith("3") and "күн" in text
    assert not any(word in text for word in ("day", "hour"))


def test_a_month_heading_puts_the_year_first_in_kazakh_only():
    december = datetime.date(2026, 12, 1)
    expected = {"kk": "2026 ж. желтоқсан", "ru": "Декабрь 2026", "en": "December 2026"}
    for language, heading in expected.items():
        with translation.override(language):
            assert formats.date_format(december, "YEAR_MONTH_FORMAT") == heading, language
