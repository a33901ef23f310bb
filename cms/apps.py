from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Site"

    def ready(self):
        from django.db.models.signals import post_migrate

        from cms import (
            locale_trees,  # noqa: F401 - connects the signal that completes a newly translated tree
            page_cache,
            site_structure,
        )
        from cms.site_setup import ensure_home_page

        post_migrate.connect(ensure_home_page, sender=self)
        site_structure.connect()
        page_cache.connect()
