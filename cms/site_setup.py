"""Make sure the page tree has a root, a home page and a site at the served address: after migrate, after a test
flush, and whenever the demo is loaded."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from lms import site_address


def ensure_home_page(**kwargs):
    from cms.models import HomePage, SiteIdentity

    # Wagtail creates the default locale and the root collection in data migrations, which a test flush
    # empties; pages need the one, documents and images the other.
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(
            instance=Page(title="Root", slug="root", content_type=ContentType.objects.get_for_model(Page))
        )
    home = HomePage.objects.first()
    if home is None:
        # Wagtail's own initial data adds a placeholder "Welcome" page; the home page replaces it.
        for placeholder in root.get_children().filter(content_type=ContentType.objects.get_for_model(Page)):
            placeholder.delete()
        home = root.add_child(
            instance=HomePage(
                title="VSMC Learning",
                slug="home",
                intro="<p>Year-round professional development for value stream management practitioners.</p>",
            )
        )
    _place_default_site(home)
    # Its identity row (the association's name, ...) from the start, rather than made by the first page's read.
    SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    return home


def ensure_site_address() -> Site:
    """Bring the default Site to the address the site is served on now (after WAGTAILADMIN_BASE_URL changed)."""
    ensure_home_page()
    return Site.objects.get(is_default_site=True)


def _place_default_site(home) -> None:
    """The default Site at the address the site is served on (lms.site_address), rooted at the home page, so
    Wagtail's own full page URLs (admin "view live", page.full_url) resolve there. Saved only when something
    differs; saving clears Wagtail's cache of site root paths."""
    address = site_address.site_address()
    wanted = {"hostname": address.hostname, "port": address.port, "root_page_id": home.pk}
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(**wanted, is_default_site=True, site_name="VSMC Learning")
        return
    changed = {name: value for name, value in wanted.items() if getattr(site, name) != value}
    for name, value in changed.items():
        setattr(site, name, value)
    if changed:
        site.save()
