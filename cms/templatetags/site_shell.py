"""What the shell around every page shows besides the page itself: the footer's links."""

from django import template
from django.db.models import Subquery, Value
from django.db.models.functions import Coalesce
from wagtail.models import Page, Site

from cms.translated_snippets import reader_language

register = template.Library()


@register.simple_tag(takes_context=True)
def footer_pages(context):
    """The live children marked "show in menus" (about, code of conduct, privacy, ...) that no one restricted of the
    home page in the reader's language (its translation or alias in that locale, else the site's own home page), in
    the order editors gave them in the page tree. One query: titles and addresses are on the base page, so neither
    `specific()` nor Wagtail's `public()` (a query of its own) is needed, and the reader's home page is found
    inside it."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return []
    root = site.root_page
    reader_home = Page.objects.filter(
        translation_key=root.translation_key, locale__language_code=reader_language(), depth=root.depth
    ).order_by().values("path")[:1]
    home_path = Coalesce(Subquery(reader_home), Value(root.path))
    pages = Page.objects.filter(depth=root.depth + 1, path__startswith=home_path)
    return list(pages.live().in_menu().filter(view_restrictions__isnull=True).order_by("path"))
