# Russian keeps Django's formats but one: a month heading reads «Декабрь 2026», as it did
# when the templates wrote "F Y" themselves (Django's ru adds «г.»). Anything not set
# here comes from django/conf/locale/ru/formats.py.
YEAR_MONTH_FORMAT = "F Y"
