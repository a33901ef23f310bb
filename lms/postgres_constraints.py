"""Constraints PostgreSQL enforces that SQLite (`make run`'s database) cannot express.

Django's ExclusionConstraint writes PostgreSQL's `EXCLUDE USING gist` for every database. On SQLite that breaks
the migration that adds it and, later, every migration that alters the table, because SQLite alters a table by
copying it into a new CREATE TABLE that lists all of the model's constraints. The one here writes nothing off
PostgreSQL (Django leaves out a constraint without SQL), so the model and its migrations run on both; on SQLite
the rule then holds only as far as the model's clean() checks it, which is enough for a development database.
"""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.operations import BtreeGistExtension
from django.db import DEFAULT_DB_ALIAS


def _on_postgresql(schema_editor: Any) -> bool:
    return bool(schema_editor.connection.vendor == "postgresql")


class PostgresExclusionConstraint(ExclusionConstraint):
    """An exclusion constraint on PostgreSQL, nothing elsewhere. The model's clean() states the rule to people (in
    their language, on any database); this is the guard against a write that never went through clean()."""

    def constraint_sql(self, model: Any, schema_editor: Any) -> Any:
        return super().constraint_sql(model, schema_editor) if _on_postgresql(schema_editor) else None

    def create_sql(self, model: Any, schema_editor: Any) -> Any:
        return super().create_sql(model, schema_editor) if _on_postgresql(schema_editor) else None

    def remove_sql(self, model: Any, schema_editor: Any) -> Any:
        return super().remove_sql(model, schema_editor) if _on_postgresql(schema_editor) else None

    def validate(self, model: Any, instance: Any, exclude: Any = None, using: str = DEFAULT_DB_ALIAS) -> None:
        """Not checked in full_clean(): the model's clean() says the same in words for people, and this check's
        operators (&&) are PostgreSQL's, so on SQLite it would fail instead of validating."""


class BtreeGist(BtreeGistExtension):
    """btree_gist (GiST for plain columns such as a member id, which an exclusion constraint compares with =).
    Django already skips creating it off PostgreSQL, but unapplying would query pg_extension on SQLite too."""

    def database_backwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if _on_postgresql(schema_editor):
            super().database_backwards(app_label, schema_editor, from_state, to_state)
