"""Production: every secret and address from the environment; refuses to start without a real key."""

import base64
import binascii

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import CERTIFICATE_SIGNING_KEY, DATABASES, SECRET_KEY, env

DEBUG = False

if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith(("django-insecure", "dev-only")):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a long random value (50+ characters) in production; "
        "generate one with: python -c 'import secrets; print(secrets.token_urlsafe(64))'"
    )

# Keys published in this repository (dev, test) sign nothing in production.
PUBLISHED_CERTIFICATE_KEYS = {
    "ZGV2LW9ubHktY2VydGlmaWNhdGUtc2lnbmluZy1rZXk",  # dev.py
    "dGVzdC1vbmx5LWNlcnRpZmljYXRlLXNpZ25pbmcta3k",  # test.py
}


def _certificate_key_problem(value: str) -> str:
    if not value:
        return "is not set"
    if value in PUBLISHED_CERTIFICATE_KEYS:
        return "is the published dev/test key"
    try:
        seed = base64.b64decode(value + "=" * (-len(value) % 4), altchars=b"-_", validate=True)
    except (binascii.Error, ValueError):
        return "is not base64url"
    return "" if len(seed) == 32 else f"decodes to {len(seed)} bytes, not 32"


if _problem := _certificate_key_problem(CERTIFICATE_SIGNING_KEY):
    raise ImproperlyConfigured(
        f"CERTIFICATE_SIGNING_KEY {_problem}: production signs certificates with its own Ed25519 key (a 32-byte "
        "seed, base64url); generate one with: python manage.py certificate_signing_key"
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# Only `make stack` (plain HTTP on loopback) turns these off; a real site is served over TLS.
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
LANGUAGE_COOKIE_SECURE = env.bool("LANGUAGE_COOKIE_SECURE", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# Django reads this per database (a top-level CONN_MAX_AGE setting does nothing): keep connections for a minute.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)

REDIS_URL = env("REDIS_URL", default=env("CELERY_BROKER_URL", default=""))
if not REDIS_URL:
    # The route, shell and page caches are keyed by generations a write renews in the cache (lms/generations.py):
    # with a cache per process, a page published in one web process would stay unseen in the others.
    raise ImproperlyConfigured(
        "REDIS_URL (or CELERY_BROKER_URL) must name the Redis every web and worker process shares as its cache."
    )
CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
