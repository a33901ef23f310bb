"""The lms package's `manage.py` commands."""
