"""English date formats as the site writes them ("3 December 2026"), read by Django through FORMAT_MODULE_PATH.

Django's own English formats are American ("Dec. 3, 2026", "3 p.m."); the site always wrote day-month-year
and a 24-hour clock, so the two met on one page. Only what differs is stated; the rest is Django's.
"""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
TIME_FORMAT = "H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
