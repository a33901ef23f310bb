"""Print a new issuer key for CERTIFICATE_SIGNING_KEY (production requires one of its own)."""

from django.core.management.base import BaseCommand

from certificates.credentials.issuer_key import IssuerKey


class Command(BaseCommand):
    help = (
        "Print a new random Ed25519 issuer key (base64url seed) for the CERTIFICATE_SIGNING_KEY environment variable. "
        "Keep it secret and never change it casually: every certificate's signature and the site's did.json use it."
    )

    def handle(self, *args, **options):
        self.stdout.write(IssuerKey.generate_setting_value())
