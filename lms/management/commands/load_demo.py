"""`make run` loads the demo once with this command: each installed package that has a demo (`<package>.demo`
with a `load(run)`) builds its own part, in INSTALLED_APPS order, so the catalog comes before the certificates and
mentoring that use it.

The command lives in `lms` but imports no feature package: it finds their demos through the app registry, the way
Django finds each app's management commands or Wagtail its `wagtail_hooks`.
"""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec
from types import ModuleType

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from lms.demo_content import DemoError, DemoRun

# The demo's addresses are not mailboxes: the confirmations, notices and certificates the rules send while loading
# go nowhere, rather than to an SMTP server or across the console ahead of the summary.
DEMO_EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"


def demo_modules() -> dict[str, ModuleType]:
    """App label -> its `demo` module, for every installed app that has one exposing `load`, in INSTALLED_APPS
    order."""
    found = {}
    for config in apps.get_app_configs():
        name = f"{config.name}.demo"
        if find_spec(name) is not None:
            module = import_module(name)
            if callable(getattr(module, "load", None)):
                found[config.label] = module
    return found


class Command(BaseCommand):
    help = (
        "Load the demo: the catalog (offerings in several languages, workshops and webinars with sessions and "
        "registrations, topics, partners, a campaign, demo accounts and a learner's history), then certificates "
        "and mentoring. Each part runs once: a part already loaded says so and changes nothing. Name app labels "
        "to load only those parts."
    )

    def add_arguments(self, parser):
        parser.add_argument("parts", nargs="*", metavar="app_label",
                            help="Load only these packages' demos (in INSTALLED_APPS order); default: all.")
        parser.add_argument(
            "--outside-debug",
            action="store_true",
            help="Load even though DEBUG is off. The demo accounts (a superuser among them) share a published "
            "password: never on a site others can reach.",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["outside_debug"]:
            raise CommandError(
                "Refusing to load the demo with DEBUG off: its accounts, a superuser among them, use the password "
                "printed in README.md. Pass --outside-debug if this really is a throwaway site."
            )
        modules = demo_modules()
        unknown = [label for label in options["parts"] if label not in modules]
        if unknown:
            raise CommandError(f"No demo in {', '.join(unknown)}; packages with one: {', '.join(modules)}.")
        chosen = [label for label in modules if not options["parts"] or label in options["parts"]]
        run = DemoRun(write=self.stdout.write, success=self.style.SUCCESS, verbosity=options["verbosity"])
        # Nothing the demo makes up leaves the site: its e-mails go nowhere, and its history is not recorded for a
        # Learning Record Store (a stack with an LRS would otherwise queue thousands of invented statements).
        with override_settings(EMAIL_BACKEND=DEMO_EMAIL_BACKEND, LRS_ENDPOINT=""):
            for label in chosen:
                try:
                    modules[label].load(run)
                except DemoError as error:
                    raise CommandError(str(error)) from error
