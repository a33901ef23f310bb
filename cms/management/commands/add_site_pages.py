"""`manage.py add_site_pages`: a new site's footer pages (about, code of conduct with its report form, privacy,
accessibility, contact) and their translations into the site's languages, written once for editors to adapt (see
cms/site_pages.py). Run after the first `migrate` of a production site;
`make run` gets them with the demo. A page editors have since deleted is added again only by running this again."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from cms.locale_trees import sync_locale_trees
from cms.site_pages import PAGES, ensure_site_pages


class Command(BaseCommand):
    help = "Add the standard footer pages (about, code of conduct, privacy, accessibility, contact) the site lacks."

    def handle(self, *args, **options):
        added = ensure_site_pages()
        # A locale it had to create holds only the home page and these pages so far: the rest of the site's pages
        # get their aliases there too, so every language reaches every page.
        aliases = sum(sync_locale_trees().values())
        for page in added:
            self.stdout.write(f"Added {page.title} at {page.url}")
        if aliases:
            self.stdout.write(f"Added {aliases} pages to the other languages' trees.")
        if not added:
            self.stdout.write(f"All {len(PAGES)} site pages and their translations are already there; nothing added.")
