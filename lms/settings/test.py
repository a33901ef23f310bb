"""pytest: the production parts this machine has for real (PostgreSQL, Redis), fast hashing."""

import os
from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import env

# `make test` runs the suite in pytest-xdist workers. pytest-django gives each its own test database (test_lms_gw1);
# Redis databases are given here, since tests empty theirs (cache.clear()). The first worker, and a run without
# workers, keeps the ones the environment names; the others take pairs counting down from 10, below the 11 and 12 the
# production-stack test's own site uses.
WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))
MOST_WORKERS = 5


def _redis_for_worker(url: str, database: int) -> str:
    if WORKER == 0:
        return url
    if WORKER >= MOST_WORKERS:
        raise ImproperlyConfigured(f"the tests run in at most {MOST_WORKERS} workers (pytest -n): Redis has no "
                                   f"databases left for worker {WORKER + 1}")
    return urlunsplit(urlsplit(url)._replace(path=f"/{database}"))


SECRET_KEY = "test-only-secret-key-" + "t" * 40
DEBUG = False
DATABASES = {
    "default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/lms"),
}
DATABASES["default"]["TEST"] = {"NAME": env("TEST_DATABASE_NAME", default="test_lms")}
REDIS_URL = _redis_for_worker(env("REDIS_URL", default="redis://127.0.0.1:6379/15"), 12 - 2 * WORKER)
CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
# Tasks run eagerly unless a test starts a real worker (see tests/conftest.py `celery_worker`).
CELERY_BROKER_URL = _redis_for_worker(env("CELERY_BROKER_URL", default="redis://127.0.0.1:6379/14"), 11 - 2 * WORKER)
CELERY_TASK_ALWAYS_EAGER = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["*"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILDOCS_SERVE_METHOD = "serve_view"  # the local folder above; tests on S3 switch both (lms/media_storage.py)
ACCOUNT_RATE_LIMITS = False
# A fixed test-only issuer key (the bytes "test-only-certificate-signing-ky"); production refuses it.
CERTIFICATE_SIGNING_KEY = "dGVzdC1vbmx5LWNlcnRpZmljYXRlLXNpZ25pbmcta3k"
# `make test` exports ELASTICSEARCH_URL (and the S3 variables) for the tests that use those servers; they turn them on
# themselves (tests/contract, tests/search), so the rest of the suite indexes into the database engine only and
# stores files on the local disk.
ELASTICSEARCH_URL = ""
# `make test` exports LRS_ENDPOINT, LRS_USERNAME and LRS_PASSWORD (Ralph, lms/local_services.py); only the learning
# record tests turn them on (tests/lms/learning_records_support.py), so the rest of the suite records nothing.
LRS_ENDPOINT = ""
