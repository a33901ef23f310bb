"""`make run` loads demo certificates once, after the demo catalog: templates, issued certificates, one revoked."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from certificates.demo import demo_certificates_loaded, load_demo_certificates
from courses.demo.loader import demo_catalog_loaded


class Command(BaseCommand):
    help = (
        "Load demo certificates (a designed template with logo and signatures, an ethics template that expires, "
        "the demo learners' certificates rendered, one issued by hand, one revoked). Needs the demo catalog; runs "
        "once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--outside-debug", action="store_true",
                            help="Load even though DEBUG is off (never on a site others can reach).")

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["outside_debug"]:
            raise CommandError("Refusing to load demo certificates with DEBUG off; pass --outside-debug if this "
                               "really is a throwaway site.")
        if not demo_catalog_loaded():
            raise CommandError("Load the demo catalog first: python manage.py load_demo_catalog")
        if demo_certificates_loaded():
            self.stdout.write("The demo certificates are already loaded; nothing to do.")
            return
        # Demo addresses are not mailboxes: the "your certificate is ready" e-mails the renders send go nowhere.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            summary = load_demo_certificates()
        lines = [self.style.SUCCESS("Demo certificates loaded."),
                 f"  Templates:    {', '.join(summary.templates)}"]
        for certificate in summary.certificates:
            certificate.refresh_from_db()
            lines.append(f"  {certificate.code}  {certificate.recipient_name}: {certificate.achievement_title} "
                         f"({certificate.get_render_state_display()})")
        if summary.revoked is not None:
            lines.append(f"  Revoked:      {summary.revoked.code} ({summary.revoked.revoked_reason})")
        lines.append("  Staff see them in the admin under Certificates (staff@demo.vsmc.org).")
        self.stdout.write("\n".join(lines))
