"""The mentoring package's `manage.py` commands."""
