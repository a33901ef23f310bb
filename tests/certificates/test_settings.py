"""The issuer key per environment: production refuses to start without a real one of its own; dev and test use
fixed published values. Checked in fresh interpreters, as tests/lms/test_settings.py does."""

import base64
import secrets

import pytest
from django.conf import settings

from certificates.credentials.issuer_key import IssuerKey
from tests.lms.settings_processes import print_setting, production_env, run

DEV_KEY = "ZGV2LW9ubHktY2VydGlmaWNhdGUtc2lnbmluZy1rZXk"


def a_real_key() -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).rstrip(b"=").decode()


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (None, "is not set"),
        ("", "is not set"),
        (DEV_KEY, "is the published dev/test key"),
        (settings.CERTIFICATE_SIGNING_KEY, "is the published dev/test key"),
        ("not base64 at all!", "is not base64url"),
        (base64.urlsafe_b64encode(b"short").decode(), "decodes to 5 bytes, not 32"),
    ],
    ids=["unset", "empty", "dev_key", "test_key", "garbage", "short"],
)
def test_production_refuses_to_start_without_its_own_signing_key(value, problem):
    result = run(["manage.py", "check"], **production_env(CERTIFICATE_SIGNING_KEY=value))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and f"CERTIFICATE_SIGNING_KEY {problem}" in result.stderr


def test_production_starts_with_a_real_key_and_names_the_issuer_from_the_environment():
    key = a_real_key()
    result = run(["-c", print_setting("settings.CERTIFICATE_SIGNING_KEY, settings.CERTIFICATE_ISSUER_NAME")],
                 **production_env(CERTIFICATE_SIGNING_KEY=key, CERTIFICATE_ISSUER_NAME="Example Institute"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [key, "Example", "Institute"]


def test_dev_has_a_fixed_documented_key_and_the_default_issuer_name():
    result = run(["-c", print_setting("settings.CERTIFICATE_SIGNING_KEY, settings.CERTIFICATE_ISSUER_NAME")],
                 DJANGO_SETTINGS_MODULE="lms.settings.dev")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{DEV_KEY} Value Stream Management Consortium"
    assert base64.urlsafe_b64decode(DEV_KEY + "=") == b"dev-only-certificate-signing-key"


def test_the_test_key_is_a_usable_issuer_key():
    assert len(IssuerKey.from_setting(settings.CERTIFICATE_SIGNING_KEY).public_key_bytes) == 32


def test_the_key_command_prints_a_new_usable_key():
    result = run(["manage.py", "certificate_signing_key"], DJANGO_SETTINGS_MODULE="lms.settings.dev")
    assert result.returncode == 0, result.stderr
    printed = result.stdout.strip()
    assert printed != DEV_KEY and IssuerKey.from_setting(printed).public_multikey.startswith("z6Mk")
