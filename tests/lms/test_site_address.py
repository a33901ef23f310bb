"""The site's public address: one setting (WAGTAILADMIN_BASE_URL, else the address `make run` serves on), validated
at start-up, read only through lms/site_address.py, and followed by the Wagtail Site and stored achievement ids."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Page, Site

from certificates.achievement_addresses import rebase_achievement_ids, rebased
from certificates.issuance import achievement_address
from certificates.models import Certificate
from cms.site_setup import ensure_site_address
from courses.events.calendars import event_calendar
from lms import site_address
from tests import factories
from tests.certificates.factories import issued_certificate

BASE_DIR = Path(__file__).resolve().parents[2]
PACKAGES = ("lms", "cms", "courses", "certificates", "mentoring", "search")
# The settings modules set it and the helper reads it; no other module may.
ALLOWED_READERS = {Path("lms/site_address.py"), Path("lms/settings/base.py")}
PRINT_BASE_URL = (
    "import django; django.setup(); from django.conf import settings; print(settings.WAGTAILADMIN_BASE_URL)"
)


def environment(**variables: str) -> dict[str, str]:
    """This process's environment without the address variables, plus `variables`."""
    env = {k: v for k, v in os.environ.items() if k not in ("WAGTAILADMIN_BASE_URL", "PORT", "HOST")}
    env.update(variables)
    return env


class TestParse:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("http://127.0.0.1:8765", "http://127.0.0.1:8765"),
            ("https://Learning.Example.org/", "https://learning.example.org"),
            ("https://learning.example.org:443", "https://learning.example.org"),
            ("http://localhost:80/", "http://localhost"),
            ("https://lms.example.org:8443", "https://lms.example.org:8443"),
            ("http://[::1]:9000", "http://[::1]:9000"),
            ("  https://learning.example.org  ", "https://learning.example.org"),
        ],
    )
    def test_accepts_scheme_host_and_port_and_writes_them_one_way(self, value, expected):
        assert site_address.parse_base_url(value).url == expected

    @pytest.mark.parametrize(
        ("value", "problem"),
        [
            ("", "is empty"),
            ("learning.example.org", "does not start with http:// or https://"),
            ("ftp://learning.example.org", "does not start with http:// or https://"),
            ("https://learning.example.org/lms", "has a path (/lms)"),
            ("https://learning.example.org/?next=/", "has a query or fragment"),
            ("https://learning.example.org#top", "has a query or fragment"),
            ("https://admin:secret@learning.example.org", "carries a user name or password"),
            ("https://", "has no valid host name"),
            ("https://bad_host!.org", "has no valid host name"),
            ("http://127.0.0.1:99999", "is not a web address"),
            ("http://127.0.0.1:0", "has port 0"),
            ("https://" + "a" * 400 + ".org", "is longer than 300 characters"),
        ],
    )
    def test_refuses_anything_else_saying_what_is_wrong(self, value, problem):
        with pytest.raises(ImproperlyConfigured) as refused:
            site_address.parse_base_url(value)
        assert problem in str(refused.value)
        assert "WAGTAILADMIN_BASE_URL" in str(refused.value)


class TestServedAddress:
    @pytest.mark.parametrize(
        ("host", "port", "expected"),
        [
            ("", "", "http://127.0.0.1:8000"),
            ("127.0.0.1", "8765", "http://127.0.0.1:8765"),
            ("0.0.0.0", "8765", "http://127.0.0.1:8765"),  # noqa: S104 - what `make run HOST=0.0.0.0` passes
            ("::", "8765", "http://127.0.0.1:8765"),
            ("::1", "8765", "http://[::1]:8765"),
            ("localhost", "80", "http://localhost"),
        ],
    )
    def test_links_name_the_address_make_run_serves_on(self, host, port, expected):
        assert site_address.served_base_url(host, port) == expected

    @pytest.mark.parametrize(
        ("host", "port", "problem"),
        [
            ("127.0.0.1", "eighty", "PORT='eighty' is not a TCP port number"),
            ("127.0.0.1", "70000", "PORT='70000' is not a TCP port number"),
            ("not a host", "8000", "HOST='not a host' is not a host name"),
        ],
    )
    def test_bad_port_or_host_is_refused_by_name(self, host, port, problem):
        with pytest.raises(ImproperlyConfigured, match=re.escape(problem)):
            site_address.served_base_url(host, port)

    def test_the_configured_base_url_wins_over_the_served_address(self):
        environ = {"WAGTAILADMIN_BASE_URL": "https://learning.example.org/", "PORT": "8765"}
        assert site_address.checked_base_url(environ) == "https://learning.example.org"
        assert site_address.checked_base_url({"PORT": "8765", "HOST": "0.0.0.0"}) == "http://127.0.0.1:8765"  # noqa: S104


class TestStartUp:
    def run(self, **variables: str) -> subprocess.CompletedProcess:
        return subprocess.run(  # noqa: S603 - a fixed argument list
            [sys.executable, "-c", PRINT_BASE_URL],
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
            timeout=120,
            env=environment(DJANGO_SETTINGS_MODULE="lms.settings.dev", **variables),
        )

    def test_settings_follow_port_and_host(self):
        result = self.run(PORT="8765", HOST="0.0.0.0")  # noqa: S104
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "http://127.0.0.1:8765"

    def test_a_malformed_base_url_stops_start_up_with_the_reason(self):
        result = self.run(WAGTAILADMIN_BASE_URL="https://learning.example.org/lms")
        assert result.returncode != 0
        assert "ImproperlyConfigured" in result.stderr
        assert "WAGTAILADMIN_BASE_URL='https://learning.example.org/lms' has a path (/lms)" in result.stderr

    def test_make_run_and_demo_give_every_step_the_served_address(self):
        """Each manage.py step of `make demo` (and `make run`) sees PORT and HOST, so the demo's certificates and
        the Site record are made for the address it is served on. PY stands in for the project's Python and
        prints what the settings derive; -o keeps make from installing anything."""
        python = f"{sys.executable} -c 'import lms.settings.dev as s; print(s.WAGTAILADMIN_BASE_URL)'"
        command = ["make", "--no-print-directory", "-s", "-o", "install", "-o", "run-deps", "demo", f"PY={python}"]
        served = subprocess.run(  # noqa: S603 - a fixed argument list
            command,
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
            timeout=300,
            env=environment(DJANGO_SETTINGS_MODULE="lms.settings.dev", PORT="8765", HOST="0.0.0.0"),  # noqa: S104
        )
        default = subprocess.run(  # noqa: S603 - a fixed argument list
            command,
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
            timeout=300,
            env=environment(DJANGO_SETTINGS_MODULE="lms.settings.dev"),
        )
        assert served.returncode == 0 and default.returncode == 0, served.stderr + default.stderr
        steps = served.stdout.split()
        assert len(steps) >= 4 and set(steps) == {"http://127.0.0.1:8765"}
        assert set(default.stdout.split()) == {"http://127.0.0.1:8000"}


def test_no_module_reads_the_setting_but_the_helper():
    readers = []
    for package in PACKAGES:
        for path in (BASE_DIR / package).rglob("*.py"):
            relative = path.relative_to(BASE_DIR)
            if relative in ALLOWED_READERS or "migrations" in relative.parts:
                continue
            text = path.read_text(encoding="utf-8")
            if re.search(r"settings\.WAGTAILADMIN_BASE_URL|[\"']WAGTAILADMIN_BASE_URL[\"']\s*[,)]", text):
                readers.append(str(relative))
    assert readers == []


def test_absolute_url_takes_a_path_from_the_root_only():
    with override_settings(WAGTAILADMIN_BASE_URL="https://learning.example.org"):
        assert (
            site_address.absolute_url("/certificates/verify/X") == "https://learning.example.org/certificates/verify/X"
        )
        assert site_address.host() == "learning.example.org"
        for not_a_path in ("certificates/", "//elsewhere.example.org/", "https://elsewhere.example.org/"):
            with pytest.raises(ValueError, match="path from the site's root"):
                site_address.absolute_url(not_a_path)


def test_a_base_url_swapped_in_later_is_checked_too():
    with override_settings(WAGTAILADMIN_BASE_URL="learning.example.org"), pytest.raises(ImproperlyConfigured):
        site_address.base_url()


@pytest.fixture
def site_root_paths_forgotten():
    """Wagtail caches the sites' root paths in the shared cache; what these tests saved is rolled back, so the
    cached copy must go too, or later tests would see these tests' addresses."""
    Site.clear_site_root_paths_cache()
    yield
    Site.clear_site_root_paths_cache()


@pytest.mark.django_db
@pytest.mark.usefixtures("site_root_paths_forgotten")
class TestStoredAddresses:
    def test_the_wagtail_site_follows_the_setting(self):
        home = Site.objects.get(is_default_site=True).root_page
        with override_settings(WAGTAILADMIN_BASE_URL="http://127.0.0.1:8765"):
            site = ensure_site_address()
            assert (site.hostname, site.port, site.root_page_id) == ("127.0.0.1", 8765, home.pk)
            assert Page.objects.get(pk=home.pk).get_full_url() == "http://127.0.0.1:8765/"
        with override_settings(WAGTAILADMIN_BASE_URL="https://learning.example.org"):
            site = ensure_site_address()
            assert (site.hostname, site.port) == ("learning.example.org", 443)
            assert Page.objects.get(pk=home.pk).get_full_url() == "https://learning.example.org/"
        assert Site.objects.count() == 1

    def test_page_addresses_and_calendar_uids_use_the_setting(self):
        event = factories.build_event()
        with override_settings(WAGTAILADMIN_BASE_URL="https://lms.example.org:8443"):
            assert site_address.page_url(event) == f"https://lms.example.org:8443{event.url}"
            assert achievement_address(event) == f"https://lms.example.org:8443{event.url}"
            calendar = event_calendar(event).decode()
        assert "@lms.example.org:8443" in calendar
        assert f"URL:https://lms.example.org:8443{event.url}" in calendar

    def test_a_page_outside_the_site_gets_a_urn_that_names_no_address(self):
        event = factories.build_event()
        Site.objects.all().delete()
        assert site_address.page_url(event) is None
        assert achievement_address(event).startswith("urn:uuid:")

    def test_stored_achievement_ids_move_to_the_new_address_once(self):
        certificate = issued_certificate()
        assert certificate.achievement_id.startswith("http://127.0.0.1:8000/"), certificate.achievement_id
        path = certificate.achievement_id.removeprefix("http://127.0.0.1:8000/")
        Certificate.objects.filter(pk=certificate.pk).update(achievement_id=f"http://127.0.0.1:8000/{path}")
        urn = issued_certificate()
        Certificate.objects.filter(pk=urn.pk).update(achievement_id="urn:uuid:0f6c62a1-6f1d-5b7e-9d5a-0c3c2a1b1c1d")

        with override_settings(WAGTAILADMIN_BASE_URL="http://127.0.0.1:8765"):
            out = StringIO()
            call_command("follow_site_address", stdout=out)
            again = rebase_achievement_ids()

        certificate.refresh_from_db()
        urn.refresh_from_db()
        assert certificate.achievement_id == f"http://127.0.0.1:8765/{path}"
        assert urn.achievement_id == "urn:uuid:0f6c62a1-6f1d-5b7e-9d5a-0c3c2a1b1c1d"
        assert "achievement ids moved: 1." in out.getvalue()
        assert again == 0
        assert Site.objects.get(is_default_site=True).port == 8765
        # The fingerprint does not cover the address, so the record still checks.
        assert certificate.fingerprint == certificate.compute_fingerprint()


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        ("http://127.0.0.1:8000/catalog/flow/", "https://learning.example.org/catalog/flow/"),
        ("http://127.0.0.1:8000", "https://learning.example.org/"),
        ("https://old.example.org/catalog/flow/?v=2", "https://learning.example.org/catalog/flow/?v=2"),
        ("urn:uuid:0f6c62a1-6f1d-5b7e-9d5a-0c3c2a1b1c1d", "urn:uuid:0f6c62a1-6f1d-5b7e-9d5a-0c3c2a1b1c1d"),
        ("", ""),
    ],
)
def test_rebased_keeps_the_path_and_leaves_urns_alone(stored, expected):
    assert rebased(stored, "https://learning.example.org") == expected
