"""`make demo` runs this after loading the demo, so a database first served on another address follows the new one."""

from django.core.management.base import BaseCommand

from certificates.achievement_addresses import rebase_achievement_ids
from cms.site_setup import ensure_site_address
from lms import site_address


class Command(BaseCommand):
    help = (
        "Bring what is stored to the site's current address (WAGTAILADMIN_BASE_URL, or the served PORT/HOST): the "
        "default Wagtail Site, and certificates' achievement ids that name pages at an old address. Run "
        "refresh_certificates afterwards to re-sign the credentials. Safe to run again: a second run changes nothing."
    )

    def handle(self, *args, **options):
        site = ensure_site_address()
        moved = rebase_achievement_ids()
        self.stdout.write(
            f"Site address: {site_address.base_url()} (Wagtail site {site.hostname}, port {site.port}); "
            f"achievement ids moved: {moved}."
        )
