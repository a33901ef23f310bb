"""Make sure the page tree has a root, a home page and a site: after migrate and after a test flush."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site


def ensure_home_page(**kwargs):
    from cms.models import HomePage

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
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True,
                            site_name="VSMC Learning")
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    return home
