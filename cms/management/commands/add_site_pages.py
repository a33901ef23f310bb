"""`manage.py add_site_pages`: a new site's footer pages (about, code of conduct with its report form, privacy,
accessibility, contact) and their translations into the site's languages, written once for editors to adapt (see
cms/site_pages.py). Run after the first `migrate` of a production site;
`make run` gets them with the demo. A page editors have since deleted is added again only by running this again."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from cms.site_pages import PAGES, ensure_site_pages


class Command(BaseCommand):
    help = "Add the standard footer pages (about, code of conduct, privacy, accessibility, contact) the site lacks."

    def handle(self, *args, **options):
        added = ensure_site_pages()
        for page in added:
            self.stdout.write(f"Added {page.title} at {page.url}")
        if not added:
            self.stdout.write(f"All {len(PAGES)} site pages and their translations are already there; nothing added.")
