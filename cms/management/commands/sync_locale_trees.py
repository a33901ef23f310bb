"""`manage.py sync_locale_trees`: a locale for each site language, and each locale's page tree complete (an alias of
every page it lacks). Run after the first `migrate` of a production site and whenever a language is added; pages
editors create later get their aliases by themselves. Idempotent."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from cms.locale_trees import sync_locale_trees


class Command(BaseCommand):
    help = "Give every site language a Wagtail locale and an alias of every page its tree lacks."

    def handle(self, *args, **options):
        for language, made in sync_locale_trees().items():
            self.stdout.write(f"{language}: {made} alias page(s) added")
