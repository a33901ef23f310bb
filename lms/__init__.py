"""The project package. The Celery app loads when Django starts (lms/models.py imports it) or when asked for by name
(`celery -A lms`, `lms.celery_app`), not on import, so stdlib-only modules here (bounded_numbers) serve the
offline matching command without pulling in Django."""


def __getattr__(name: str):
    if name == "celery_app":
        from .celery import app

        return app
    raise AttributeError(f"module 'lms' has no attribute {name!r}")


__all__ = ["celery_app"]
