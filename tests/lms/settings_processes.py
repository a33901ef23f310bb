"""Settings read in fresh interpreters: each run starts from none of the variables any settings module reads, so
a test sees exactly the environment it sets."""

import base64
import os
import secrets
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
# Variables any of the settings modules read: each test starts from none of them, then sets its own.
SETTINGS_VARIABLES = {
    "DJANGO_SETTINGS_MODULE", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "DATABASE_URL",
    "CONN_MAX_AGE", "MEDIA_ROOT", "EMAIL_URL", "DEFAULT_FROM_EMAIL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND",
    "ELASTICSEARCH_URL", "REDIS_URL", "WAGTAILADMIN_BASE_URL", "LOG_LEVEL", "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS", "TEST_DATABASE_NAME", "CERTIFICATE_SIGNING_KEY", "CERTIFICATE_ISSUER_NAME",
}


def clean_env(**variables: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in SETTINGS_VARIABLES}
    env.update(variables)
    return env


def run(args: list[str], **variables: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - fixed argument lists from this file, no shell
        [PYTHON, *args], cwd=BASE_DIR, env=clean_env(**variables), capture_output=True, text=True, timeout=120
    )


def production_env(**overrides: str) -> dict[str, str]:
    variables = {
        "DJANGO_SETTINGS_MODULE": "lms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "learn.example.org",
        "DATABASE_URL": "postgres://lms@db.example.org:5432/lms",
        "REDIS_URL": "redis://cache.example.org:6379/0",
        "CERTIFICATE_SIGNING_KEY": base64.urlsafe_b64encode(secrets.token_bytes(32)).rstrip(b"=").decode(),
    }
    variables.update(overrides)
    return {key: value for key, value in variables.items() if value is not None}


def print_setting(expression: str) -> str:
    return f"import django; django.setup(); from django.conf import settings; print({expression})"
