"""Settings shared by every environment; anything secret or site-specific comes from the environment."""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A local .env is a convenience for developers; production sets real environment variables.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "lms",
    "cms",
    "courses",
    "search",
    "certificates",
    "certificates.cpd",
    "mentoring",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "lms.apps.MemberUsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_countries",
    "allauth",
    "allauth.account",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "lms.content_security.ContentSecurityPolicyMiddleware",
    "lms.request_bounds.RequestBoundsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "lms.languages.LanguageChoiceMiddleware",
    "cms.page_routing.SiteShellMiddleware",  # the Site, its identity and the page tree's start from the cache
    "lms.middleware.MemberTimezoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "lms.refusal.RefusalMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "lms.Member"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "lms.password_length.MaximumLengthValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "courses:dashboard"
LOGOUT_REDIRECT_URL = "/"

# django-allauth: e-mail is the login; addresses must be verified before the first login.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SIGNUP_FORM_CLASS = "lms.forms.SignupDetailsForm"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[VSMC Learning] "
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_ADAPTER = "lms.account_adapter.AccountAdapter"
ACCOUNT_FORMS = {"request_login_code": "lms.account_adapter.CodeRequestForm"}
# A paused password sign-in offers a one-time code by e-mail (lms/sign_in_limits.py), so the owner always has a way in.
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 10 * 60  # e-mail can be slow; three tries per code still leave guessing hopeless


def _bounded_rate(name: str, default: str) -> str:
    """A limit from the environment as "count/time" (e.g. 5/15m: s, m, h or d), between 1 and 1000 per 1 minute
    to 1 day, in allauth's rate syntax."""
    import re

    from django.core.exceptions import ImproperlyConfigured

    text = env(name, default=default).strip()
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    match = re.fullmatch(r"(\d{1,4})/(\d{1,5})([smhd])", text)
    if not match or not 1 <= int(match[1]) <= 1000 or not 60 <= int(match[2]) * units[match[3]] <= 86400:
        raise ImproperlyConfigured(f"{name}={text!r}: write count/time, e.g. {default} (1 to 1000, per 1m to 1d)")
    return text


def _bounded_int(name: str, default: int, low: int, high: int) -> int:
    from django.core.exceptions import ImproperlyConfigured

    text = env(name, default=str(default)).strip()
    if not text.isdigit() or not low <= int(text) <= high:
        raise ImproperlyConfigured(f"{name}={text!r}: must be a whole number from {low} to {high}")
    return int(text)


# Wrong passwords per address and account, per address across accounts, per account across addresses; e-mailed
# sign-in codes per address (never per account, so nobody can use up someone else's way in).
ACCOUNT_RATE_LIMITS: dict[str, str] | bool = {
    "login_failed_from_address": _bounded_rate("SIGN_IN_LIMIT_ADDRESS_ACCOUNT", "5/15m") + "/key",
    "login_failed": _bounded_rate("SIGN_IN_LIMIT_ADDRESS", "30/15m") + "/ip,"
    + _bounded_rate("SIGN_IN_LIMIT_ACCOUNT", "50/1h") + "/key",
    "request_login_code": _bounded_rate("SIGN_IN_CODE_LIMIT_ADDRESS", "10/15m") + "/ip",
}
# Unknown certificate codes per address before further unknown ones answer 429 (certificates/guessing.py).
CERTIFICATE_LOOKUP_MISS_LIMIT = _bounded_int("CERTIFICATE_LOOKUP_MISS_LIMIT", 20, 1, 1000)
CERTIFICATE_LOOKUP_WINDOW_SECONDS = _bounded_int("CERTIFICATE_LOOKUP_WINDOW_SECONDS", 600, 60, 86400)

# The languages the site's own words (pages, e-mails, certificates' fixed words) are written in, each named in
# itself for the language switcher. English pages have no prefix; the others are served under /es/, /fr/, /pt/, /ar/
# (lms/urls.py), and which one a request reads is decided in lms/languages.py. Every string is translated into each
# of them (tests/lms/test_translations_complete.py; the terms are in docs/glossary.md). Content language is per
# offering (Offering.language), from the wider lms.models.LANGUAGE_CHOICES.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("es", "Español"),
    ("fr", "Français"),
    ("pt", "Português"),
    ("ar", "العربية"),
]
# A member's e-mails are written in their chosen site language, else the first of their languages listed here
# (Member.interface_language), so the dates and plurals in an e-mail are in the language of its text.
INTERFACE_LANGUAGES = [code for code, _name in LANGUAGES]
# The languages a certificate template may be worded in: the site's, and German, whose fixed certificate words
# (certificates/locale/de) are translated although the rest of the site is not.
CERTIFICATE_LANGUAGES = [*LANGUAGES, ("de", "Deutsch")]
LANGUAGE_COOKIE_NAME = "language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Corrections to Django's own catalogues (Portuguese month names in lower case), ahead of every app's catalogue.
LOCALE_PATHS = [BASE_DIR / "lms" / "month_names"]
# Dates and numbers as the site writes them per language (lms/formats/, read through lms/formatting.py).
FORMAT_MODULE_PATH = ["lms.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
# Files browsers ask for at the site's root whatever the page links (/favicon.ico), served by WhiteNoise.
WHITENOISE_ROOT = BASE_DIR / "lms" / "site_root"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
# Media stay in MEDIA_ROOT unless AWS_STORAGE_BUCKET_NAME names a bucket: then a private S3-compatible bucket
# (AWS_S3_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_S3_REGION_NAME, AWS_QUERYSTRING_EXPIRE,
# AWS_S3_ADDRESSING_STYLE, AWS_LOCATION), its objects reached only by signed, expiring URLs or through the views that
# check permissions. The rules and the reasons are in lms/media_storage.py, which the S3 tests build from too.
from lms.media_storage import LOCAL_BACKEND, document_serve_method, s3_storage  # noqa: E402 - the media block's own

STORAGES = {
    "default": s3_storage(env.ENVIRON) or {"BACKEND": LOCAL_BACKEND},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WAGTAILDOCS_SERVE_METHOD = document_serve_method(STORAGES["default"])
# What one request may send (lms/request_bounds.py explains each refusal). The largest real form, the Wagtail page
# editor on the demo's longest lesson, posts 176 fields and 15 KB; an attendance report is at most 5 MB and the
# largest upload a 20 MB document (WAGTAILDOCS_MAX_UPLOAD_SIZE below), so a body may carry that and a form's fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024 // 2  # the form's text besides files
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024 // 2  # larger files are spooled to a temporary file
DATA_UPLOAD_MAX_NUMBER_FILES = 20
MAX_REQUEST_BODY_SIZE = 21 * 1024 * 1024

# E-mail: EMAIL_URL such as smtp+tls://user:password@smtp.example.org:587 (console by default).
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="VSMC Learning <learning@vsmc.example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: with no broker configured, tasks run eagerly in-process (the embedded default).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=None)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE: dict = {
    # Every e-mail still owed (a lost task, a failed send, a worker killed mid-send) goes out late rather than never.
    "outbox-sweep": {"task": "lms.tasks.sweep_outbox", "schedule": 5 * 60},
    # Reminders fall due a day and an hour before each session; every 5 minutes keeps them on time.
    "send-event-reminders": {"task": "courses.events.tasks.send_event_reminders", "schedule": 5 * 60},
    # The catalog is kept true by signals; this hourly pass repairs any drift (a lost task, seats, dates).
    "reconcile-catalog": {"task": "search.tasks.reconcile_catalog", "schedule": 60 * 60},
    # Certificates whose issue or render task was lost (broker down, worker killed) are picked up again.
    "sweep-certificates": {"task": "certificates.tasks.sweep_certificates", "schedule": 15 * 60},
    # Mentoring: first-meeting reminders fall due (once each) and go out at once.
    "mentoring-notices": {"task": "mentoring.tasks.send_due_mentoring_notices", "schedule": 60 * 60},
    # The recommendations digest: owed on the first run after a week or month ends, each member's once.
    "recommendations-digest": {"task": "courses.tasks.send_digests", "schedule": 60 * 60},
    # Evaluations: follow-ups owed 60 days after the activity (bounded batches), invitations a lost task dropped.
    "evaluation-follow-ups": {"task": "courses.tasks.owe_evaluation_follow_ups", "schedule": 60 * 60},
    # Onboarding: each getting-started e-mail falls due (once per member) days after joining; hourly is on time.
    "onboarding-letters": {"task": "lms.tasks.send_onboarding_letters", "schedule": 60 * 60},
    # CPD: cycles that ended are closed as met or short (their hours frozen) and the next begins; hourly is on time.
    "cpd-close-cycles": {"task": "certificates.cpd.tasks.close_ended_cycles", "schedule": 60 * 60},
    # Certificates: reminders 90, 30 and 7 days before one expires (each once per version); hourly is on time.
    "certificate-expiry-reminders": {"task": "certificates.tasks.send_expiry_reminders", "schedule": 60 * 60},
    # CPD: cycle reminders (6, 3, 1 month before the end, while short) and outcomes are owed once each; hourly.
    "cpd-cycle-letters": {"task": "certificates.cpd.tasks.owe_cycle_letters", "schedule": 60 * 60},
    # CPD: evidence past its retention period is deleted (the activity and its hours stay); daily is enough.
    "cpd-evidence-retention": {"task": "certificates.cpd.tasks.delete_expired_evidence", "schedule": 24 * 60 * 60},
    # xAPI: statements a lost task left, or whose retry wait ran out, go to the LRS; every 5 minutes.
    "learning-records": {"task": "lms.tasks.send_learning_records", "schedule": 5 * 60},
}

# CPD evidence is kept this many years after the cycle it supports closed (certificates/cpd/retention.py).
CPD_EVIDENCE_RETENTION_YEARS = env.int("CPD_EVIDENCE_RETENTION_YEARS", default=7)

# Certificates: the issuer's Ed25519 key is the 32-byte seed, base64url without padding; generate one with
# `python manage.py certificate_signing_key`. dev and test set fixed public values; production requires a real one.
CERTIFICATE_SIGNING_KEY = env("CERTIFICATE_SIGNING_KEY", default="")
# The issuer named on every certificate and in its signed credential. One source on purpose: a deployment
# setting, not the editable site identity, since it is part of what is signed (same default as SiteIdentity).
CERTIFICATE_ISSUER_NAME = env("CERTIFICATE_ISSUER_NAME", default="Value Stream Management Consortium")

# Catalog search: Elasticsearch when ELASTICSEARCH_URL is set, the database engine otherwise.
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", default="")
# The alias readers and writers use; a second site on the same cluster (make stack, the benchmark) takes its own.
ELASTICSEARCH_INDEX_ALIAS = env("ELASTICSEARCH_INDEX_ALIAS", default="catalog")
# Seconds a search waits for the cluster (to connect; for the whole answer) before the database engine answers.
ELASTICSEARCH_CONNECT_TIMEOUT = env.float("ELASTICSEARCH_CONNECT_TIMEOUT", default=1.0)
ELASTICSEARCH_TIMEOUT = env.float("ELASTICSEARCH_TIMEOUT", default=5.0)

REDIS_URL = env("REDIS_URL", default="")

# xAPI learning records (lms/learning_records.py): the Learning Record Store's endpoint (".../xAPI/") and its basic-auth
# account. Unset (as in `make run`), nothing is recorded and nothing is sent.
LRS_ENDPOINT = env("LRS_ENDPOINT", default="")
LRS_USERNAME = env("LRS_USERNAME", default="")
LRS_PASSWORD = env("LRS_PASSWORD", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

WAGTAIL_SITE_NAME = "VSMC Learning"
# Content in every site language, with Wagtail's own localisation: one page tree per locale, every page present in
# each (an alias of its original until an editor converts the alias into a translation and translates it), so
# /es/ reaches every page and lists each once. Pages made in the admin get their aliases from simple_translation;
# pages made any other way (the demo, imports) from cms/locale_trees.py. What belongs to an offering (sessions,
# enrolments, progress, registrations, certificates) belongs to its original (courses/translations.py).
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE = True
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False  # password resets go through allauth
# The site's public address, which every link written outside a request (QR codes, e-mails, calendars, credential
# ids, did:web) is built from, through lms/site_address.py only. Production sets it; otherwise it is the address
# `make run` serves on (PORT, HOST; 0.0.0.0 means 127.0.0.1). A malformed value stops start-up with the reason.
from lms.site_address import checked_base_url  # noqa: E402 - the site address block's own

WAGTAILADMIN_BASE_URL = checked_base_url(env.ENVIRON)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024



WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True

CSRF_FAILURE_VIEW = "lms.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy: no inline script or style anywhere on the site; media from the S3 bucket's address when
# media live there (CSP_MEDIA_ORIGIN overrides it), lesson videos from CSP_FRAME_ORIGINS. The admin's policy and the
# reasons for it are in lms/content_security.py, which the middleware above applies.
from lms.content_security import frame_origins, media_origin, site_policy  # noqa: E402 - the policy block's own

CONTENT_SECURITY_POLICY = site_policy(media_origin(env.ENVIRON), frame_origins(env.ENVIRON))
# The admin's avatars would otherwise come from gravatar.com, sending a hash of each editor's address there.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The admin's dashboard would otherwise ask releases.wagtail.org for the latest version from every editor's browser.
WAGTAIL_ENABLE_UPDATE_CHECK = False
SESSION_COOKIE_HTTPONLY = True
# Sessions read from the cache (Redis in production), written through to the database: no query per request.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Wagtail's background tasks (reference index, search index) log every run at INFO.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        # WeasyPrint narrates every step of every certificate render at INFO.
        "weasyprint.progress": {"level": "WARNING"},
        # fontTools, which WeasyPrint uses to subset fonts, narrates every table of every font at INFO.
        "fontTools": {"level": "WARNING"},
    },
}
