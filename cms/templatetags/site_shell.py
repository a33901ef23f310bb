"""What the shell around every page shows besides the page itself: the footer's links."""

from django import template
from wagtail.models import Site

register = template.Library()


@register.simple_tag(takes_context=True)
def footer_pages(context):
    """The home page's live children marked "show in menus" (about, code of conduct, privacy, ...) that no one
    restricted, in the order editors gave them in the page tree. One query: titles and addresses are on the base
    page, so neither `specific()` nor Wagtail's `public()` (a query of its own) is needed."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return []
    return list(site.root_page.get_children().live().in_menu().filter(view_restrictions__isnull=True))
