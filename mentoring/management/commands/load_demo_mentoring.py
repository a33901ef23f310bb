"""`make run` loads demo mentoring once, after the demo catalog: mentors, mentees, requests, rounds."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from mentoring.demo import (
    LEARNER_EMAIL,
    MARKER_EMAIL,
    demo_catalog_present,
    demo_mentoring_loaded,
    load_demo_mentoring,
)


class Command(BaseCommand):
    help = (
        "Load demo mentoring (eight mentors in the directory, mentee profiles, a request waiting, a relationship "
        "under way, a round open for applications and a finished one with feedback). Needs the demo catalog; "
        "runs once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--outside-debug", action="store_true",
                            help="Load even though DEBUG is off (never on a site others can reach).")

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["outside_debug"]:
            raise CommandError("Refusing to load demo mentoring with DEBUG off: its accounts share the published "
                               "demo password. Pass --outside-debug if this really is a throwaway site.")
        if not demo_catalog_present():
            raise CommandError("Load the demo catalog first: python manage.py load_demo_catalog")
        if demo_mentoring_loaded():
            self.stdout.write(f"Demo mentoring is already loaded ({MARKER_EMAIL} exists); nothing to do.")
            return
        # Demo addresses are not mailboxes: the request and proposal e-mails the rules send go nowhere.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            summary = load_demo_mentoring()
        self.stdout.write("\n".join([
            self.style.SUCCESS("Demo mentoring loaded."),
            f"  Mentors:       {len(summary.mentors)} in the directory (e.g. {MARKER_EMAIL})",
            f"  Mentees:       {len(summary.mentees)}, plus {LEARNER_EMAIL} (mentored by Maya Lindqvist)",
            f"  Relationships: {summary.relationships}",
            f"  Rounds:        “{summary.open_round}” taking applications; “{summary.past_round}” finished "
            "(its health report is in the admin)",
            "  Members: /mentoring/ ; staff: Mentoring rounds in the admin (staff@demo.vsmc.org).",
        ]))
