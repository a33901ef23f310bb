"""`make run` loads the demo catalog once: about fifty offerings, their lessons, live events with registrations,
and a login for every role."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from courses.demo import catalog as data
from courses.demo.loader import DemoSummary, demo_catalog_loaded, load_demo_catalog, planned_steps

DEMO_EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"


class Command(BaseCommand):
    help = (
        "Load the demo catalog (offerings in several languages, workshops and webinars with sessions and "
        "registrations, topics, partners, a campaign, demo accounts and a learner's history). Runs once: if the demo "
        "accounts exist, it says so and changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--outside-debug",
            action="store_true",
            help="Load even though DEBUG is off. The demo accounts (a superuser among them) share a published "
            "password: never on a site others can reach.",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["outside_debug"]:
            raise CommandError(
                "Refusing to load the demo catalog with DEBUG off: its accounts, a superuser among them, use the "
                "password printed in README.md. Pass --outside-debug if this really is a throwaway site."
            )
        if demo_catalog_loaded():
            self.stdout.write(f"The demo catalog is already loaded ({data.MARKER_EMAIL} exists); nothing to do.")
            return
        started = time.monotonic()
        # The bar goes to stderr, like any progress display, so stdout keeps just the summary.
        progress = Progress(
            TextColumn("[bold]Loading demo catalog[/bold]"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.description}", style="dim"),
            console=Console(stderr=True),
            disable=options["verbosity"] == 0,
            transient=True,
        )
        # The demo's addresses are not real mailboxes: the confirmations and congratulations the rules send while
        # loading go nowhere, rather than to an SMTP server or across the console ahead of the summary.
        with progress, override_settings(EMAIL_BACKEND=DEMO_EMAIL_BACKEND):
            task = progress.add_task("", total=planned_steps())
            summary = load_demo_catalog(
                on_step=lambda label: progress.update(task, advance=1, description=label[:60])
            )
        self.print_summary(summary, time.monotonic() - started)

    def print_summary(self, s: DemoSummary, seconds: float) -> None:
        def counts(mapping: dict) -> str:
            return ", ".join(f"{key} {value}" for key, value in mapping.items())

        lines = [
            self.style.SUCCESS(f"Demo catalog loaded in {seconds:.1f} s."),
            f"  Offerings:   {s.offerings} ({s.courses} courses, {s.ethics_modules} ethics / RCR modules), "
            f"{s.topics} topics, {s.partners} partners",
            f"  Content:     {s.modules} modules, {s.lessons} lessons ({s.optional_lessons} optional), "
            f"{s.quizzes} quizzes, {s.videos} videos (embeds cached, no network needed)",
            f"  Languages:   {counts(s.by_language)}",
            f"  Access:      {counts(s.by_access)}",
            f"  Years:       {counts(s.by_year)}",
            f"  Learning:    {s.enrolments} enrolments by demo learners, {s.completed_enrolments} completed",
            f"  Events:      {s.events} ({s.webinars} webinars, {s.workshops} workshops), {s.sessions} sessions "
            f"({s.upcoming_sessions} upcoming), {s.registrations} registrations by demo learners "
            f"({s.waitlisted} waitlisted); campaign {s.campaign} with {s.campaign_offerings} offerings",
            *(f"  Partner host: {email} acts for {partner}" for email, partner in s.partner_hosts),
            f"  Attendance:  sample report {s.attendance_sample}",
            "  E-mail:      notices written while loading were not sent (demo addresses are not mailboxes)",
            "",
            f"Demo logins (every account's password: {data.DEMO_PASSWORD})",
        ]
        width = max(len(email) for email, _ in s.logins)
        lines += [f"  {email.ljust(width)}  {role}" for email, role in s.logins]
        lines.append(f"  ...and {len(s.faculty)} more instructors: {', '.join(s.faculty)}")
        lines.append(f"  ...and {len(s.community)} learners registered for events: {', '.join(s.community)}")
        self.stdout.write("\n".join(lines))
