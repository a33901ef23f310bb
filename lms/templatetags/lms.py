"""Template filters for what lms/formatting.py writes: `{% load lms %}` then `{{ when|date_text }}`.

Each writes in the language and time zone active while the template renders (the request's, or the member's
inside an e-mail), so pages and e-mails show one format per locale.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from lms import formatting

register = template.Library()


@register.filter
def date_text(value):
    """ "3 December 2026" """
    return formatting.date_text(value)


@register.filter
def short_date(value):
    """ "3 Dec 2026", for tables """
    return formatting.short_date_text(value)


@register.filter
def datetime_text(value, style=""):
    """ "3 December 2026, 09:30"; `|datetime_text:"short"` gives "3 Dec 2026, 09:30", `"zone"` adds the zone."""
    styles = set(str(style).split())
    return formatting.datetime_text(value, short="short" in styles, zone="zone" in styles)


@register.filter
def number(value, places=2):
    """ "1.5", "2": at most `places` decimals """
    return formatting.number_text(value, int(places))


@register.filter
def cpd_hours(value):
    """ "1 CPD hour", "2.5 CPD hours" """
    return formatting.hours_text(value)


@register.filter
def ltr(value):
    """An e-mail address, a code or a URL inside a sentence: isolated and read left to right, so a right-to-left
    page (Arabic) neither reorders its parts nor lets it reorder the words around it."""
    return format_html('<bdi dir="ltr">{}</bdi>', value)


@register.filter
def month_text(value):
    """ "December 2026", for a report's months """
    return formatting.month_text(value)
