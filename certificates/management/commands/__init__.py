"""The certificates package's `manage.py` commands."""
