"""The courses package's `manage.py` commands."""
