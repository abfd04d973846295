# Kazakh formats. Django ships none for kk, so without this module Kazakh pages fall
# back to the American "N j, Y" and Sunday-first weeks. Kazakhstan writes 23.11.2026,
# starts the week on Monday, and uses a comma for decimals and a space for thousands.
DATE_FORMAT = "d.m.Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "d.m.Y H:i"
# A month heading reads «2026 ж. желтоқсан»: the year first, then the month in the nominative
# with a small letter (E, the "alt. month" names of ortaq/conf/locale/kk).
YEAR_MONTH_FORMAT = "Y ж. E"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S"]
DATETIME_INPUT_FORMATS = ["%d.%m.%Y %H:%M", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y", "%Y-%m-%d %H:%M"]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"  # non-breaking space
NUMBER_GROUPING = 3
