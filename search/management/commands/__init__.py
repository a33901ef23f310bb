"""The search package's `manage.py` commands."""
