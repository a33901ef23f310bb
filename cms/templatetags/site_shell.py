"""What the shell around every page shows besides the page itself: the footer's links and the admin's user bar."""

from django import template
from django.core.cache import cache
from wagtail.admin.templatetags.wagtailuserbar import get_page_instance
from wagtail.admin.userbar import Userbar
from wagtail.models import Site

from cms import site_structure
from cms.page_routing import CACHE_SECONDS, attach_shell, footer_pages_of
from cms.translated_snippets import reader_language

register = template.Library()


@register.simple_tag(takes_context=True)
def footer_pages(context):
    """The footer's pages (`page_routing.footer_pages_of`): from the request's cached shell when it was read in the
    language the page is rendered in, else one query."""
    request = context.get("request")
    if request is not None:
        attach_shell(request)
    language = reader_language()
    shell = getattr(request, "language_shell", None)
    if shell is not None and shell.language == language:
        return shell.footer_pages
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return []
    return footer_pages_of(site, language)


def may_use_admin(request) -> bool:
    """Whether the signed-in person may open the Wagtail admin (so the page shows them the user bar), remembered per
    person, their active and superuser flags and the admin-access generation (their groups' and permissions'
    changes): a learner no longer pays two permission queries on every page. The key holds the person's id, so only
    their own requests read it."""
    user = request.user
    if not user.is_authenticated:
        return False
    attach_shell(request)
    generations = request._site_generations
    key = (f"cms:may-use-admin:{generations[site_structure.ADMIN_ACCESS]}:{user.pk}"
           f":{int(user.is_active)}{int(user.is_superuser)}")
    allowed = cache.get(key)
    if allowed is None:
        allowed = user.has_perm("wagtailadmin.access_admin")
        cache.set(key, allowed, CACHE_SECONDS)
    return allowed


@register.simple_tag(takes_context=True)
def site_userbar(context, position="bottom-right"):
    """Wagtail's `{% wagtailuserbar %}`, with its permission check answered by `may_use_admin`."""
    request = context.get("request")
    if request is None or not hasattr(request, "user") or not may_use_admin(request):
        return ""
    return Userbar(object=get_page_instance(context), position=position).render_html(context)
