"""What the shell around every page shows besides the page itself: the footer's links."""

from django import template
from wagtail.models import Page, Site

register = template.Library()


@register.simple_tag(takes_context=True)
def footer_pages(context):
    """The home page's live, public children marked "show in menus" (about, code of conduct, privacy, ...), in the
    order editors gave them in the page tree."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return Page.objects.none()
    return site.root_page.get_children().live().public().in_menu().specific()
