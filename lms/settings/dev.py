"""`make run`: SQLite, eager Celery, console e-mail, a throwaway secret key."""

from .base import *  # noqa: F401,F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-only-not-secret-" + "x" * 40)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
# A fixed, published, dev-only issuer key (the bytes "dev-only-certificate-signing-key"): certificates signed
# with it prove nothing. Production refuses it.
CERTIFICATE_SIGNING_KEY = env("CERTIFICATE_SIGNING_KEY", default="ZGV2LW9ubHktY2VydGlmaWNhdGUtc2lnbmluZy1rZXk")
