"""Settings per environment, checked in fresh interpreters so each module reads its own environment."""

import secrets

import pytest
from django.conf import settings

from tests.lms.settings_processes import print_setting, production_env, run


class TestProductionSecretKey:
    @pytest.mark.parametrize(
        "secret_key",
        [
            None,  # unset
            "",
            "short-key",
            "x" * 60,  # long but not random
            "django-insecure-" + secrets.token_urlsafe(50),
            "dev-only-not-secret-" + "x" * 40,
        ],
        ids=["unset", "empty", "short", "repeated", "django_insecure", "dev_only"],
    )
    def test_refuses_to_start_without_a_real_secret_key(self, secret_key):
        result = run(["manage.py", "check"], **production_env(SECRET_KEY=secret_key))
        assert result.returncode != 0
        assert "ImproperlyConfigured" in result.stderr
        assert "SECRET_KEY must be set" in result.stderr

    def test_import_alone_refuses_too(self):
        result = run(["-c", "import django; django.setup()"], **production_env(SECRET_KEY="short"))
        assert result.returncode != 0
        assert "SECRET_KEY" in result.stderr

    def test_refuses_to_start_without_a_shared_cache(self):
        """The page caches' generations must be seen by every process (lms/generations.py)."""
        result = run(["manage.py", "check"], **production_env(REDIS_URL=None))
        assert result.returncode != 0
        assert "REDIS_URL (or CELERY_BROKER_URL) must name the Redis" in result.stderr
        code = print_setting("settings.CACHES['default']['LOCATION']")
        result = run(["-c", code], **production_env(REDIS_URL=None, CELERY_BROKER_URL="redis://broker.example.org:6379/1"))
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "redis://broker.example.org:6379/1"

    def test_deploy_check_passes_with_no_warnings(self):
        result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **production_env())
        assert result.returncode == 0, result.stdout + result.stderr
        assert "System check identified no issues" in result.stdout
        assert "WARNING" not in result.stdout + result.stderr

    def test_production_is_never_in_debug_and_secures_cookies(self):
        code = print_setting(
            "settings.DEBUG, settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, settings.SECURE_SSL_REDIRECT,"
            " settings.X_FRAME_OPTIONS, settings.DATABASES['default']['HOST']"
        )
        result = run(["-c", code], **production_env(DEBUG="true"))
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "False True True True DENY db.example.org"


class TestCelerySettings:
    def test_dev_runs_tasks_eagerly_without_a_broker(self):
        code = print_setting(
            "settings.CELERY_TASK_ALWAYS_EAGER, __import__('lms').celery_app.conf.task_always_eager"
        )
        result = run(["-c", code], DJANGO_SETTINGS_MODULE="lms.settings.dev")
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "True True"

    def test_dev_uses_workers_when_a_broker_is_set(self):
        code = print_setting(
            "settings.CELERY_TASK_ALWAYS_EAGER, __import__('lms').celery_app.conf.task_always_eager,"
            " __import__('lms').celery_app.conf.broker_url"
        )
        result = run(["-c", code], DJANGO_SETTINGS_MODULE="lms.settings.dev",
                     CELERY_BROKER_URL="redis://127.0.0.1:6379/13")
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "False False redis://127.0.0.1:6379/13"


def test_manage_py_defaults_to_dev_settings():
    code = "from django.conf import settings; print(settings.SETTINGS_MODULE)"
    result = run(["manage.py", "shell", "--no-imports", "-c", code])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "lms.settings.dev"


def test_tests_run_on_postgresql_and_redis():
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert settings.CELERY_BROKER_URL.startswith("redis://")


def test_the_lms_app_runs_its_own_ready_hook():
    """With several AppConfig classes in lms/apps.py Django falls back to a plain AppConfig unless one is the
    default, and the post_migrate hook that keeps the role groups would never be connected."""
    from django.apps import apps

    from lms.apps import LmsConfig

    assert isinstance(apps.get_app_config("lms"), LmsConfig)
