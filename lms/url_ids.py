"""Ids in URLs: `<id:name>` matches what a database key can hold and nothing more.

Django's `<int:...>` matches any run of digits, and a 20-digit id reaches the database as a number PostgreSQL's
bigint (and SQLite's int64) cannot hold, which raised OverflowError: a 500. The `id` converter matches 1-19 digits
and refuses values above 2**63-1, so such a path simply matches no pattern and answers 404 before any view runs.
Importing this module registers the converter; every URL module that names ids imports it.
"""

from __future__ import annotations

from django.urls import register_converter

MAX_ID = 2**63 - 1


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError(f"id {value} is beyond a database key")  # Django answers 404
        return number

    def to_url(self, value: int | str) -> str:
        number = int(value)
        if not 0 <= number <= MAX_ID:
            raise ValueError(f"id {value} is not a database key")
        return str(number)


register_converter(IdConverter, "id")


def id_from_text(text: str) -> int | None:
    """An id sent in a query string or form field, or None when it could not be a database key."""
    if not (1 <= len(text) <= 19 and text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if number <= MAX_ID else None
