"""Queries whose SQL never changes shape, compiled by the ORM once per thread instead of on every request.

Building and compiling a QuerySet can cost far more Python than running it: the session a registration posts (a
subquery for the event's original and an EXISTS for its prerequisites) took about 3 ms to build and compile and
0.3 ms to run. A `CompiledQuery` is written as the QuerySet it stands for, so the rule stays in one place and in the
ORM's words; the ORM compiles it once per thread and database, with a sentinel in place of each value that varies,
and each call binds its own values where the sentinels were (each converted by its field, as the ORM would).

Only for querysets whose SQL is the same for every value bound: no `__in` of a varying list, no filter added or
left out depending on a value. Rows come back as the ORM would give them, through the compiler's converters: model
instances made by the model's `from_db` with the annotations set on them, as a queryset's iteration makes them
(`first`), or tuples (`rows`).
"""

from __future__ import annotations

import secrets
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar, cast

from django.core.exceptions import ImproperlyConfigured
from django.db import connections, models
from django.db.models.query import ModelIterable
from django.db.models.sql.compiler import SQLCompiler

M = TypeVar("M", bound=models.Model)

_INTEGER_TYPES = {"AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField",
                  "PositiveIntegerField", "PositiveBigIntegerField"}


def _sentinel(field: models.Field) -> Any:
    """A value no real bind would have, of the field's type, so it can be found among the compiled parameters."""
    kind = field.get_internal_type()
    if kind in _INTEGER_TYPES:
        return -(2**30) - secrets.randbelow(2**29)  # negative: never an id; within every integer column's range
    if kind == "UUIDField":
        return uuid.uuid4()
    if kind == "DateTimeField":
        return datetime(1901, 1, 1, microsecond=secrets.randbelow(10**6), tzinfo=UTC)
    raise ImproperlyConfigured(f"CompiledQuery has no sentinel for a {kind}")


@dataclass(frozen=True)
class _Compiled:
    """The SQL with the sentinels' parameters, where each named value goes in them, the compiler (its converters),
    and where a row's model fields and annotations are among its columns."""

    model: type[models.Model]
    sql: str
    params: list
    slots: dict[str, list[int]]
    compiler: SQLCompiler
    field_names: list[str]  # the model's columns in the row, by attname, for `from_db`
    fields_at: slice
    annotations_at: dict[str, int]


class CompiledQuery(Generic[M]):
    """`build(**values)` returns the QuerySet; `binds` names the field each value is compared with (it converts the
    value for the database, as the ORM would)."""

    def __init__(self, build: Callable[..., models.QuerySet[M]], **binds: models.Field):
        self.build = build
        self.binds = binds
        self._local = threading.local()

    def _compiled(self, using: str) -> _Compiled:
        cache: dict[str, _Compiled] = self._local.__dict__.setdefault("by_alias", {})
        compiled = cache.get(using)
        if compiled is None:
            compiled = cache[using] = self._compile(using)
        return compiled

    def _compile(self, using: str) -> _Compiled:
        connection = connections[using]
        sentinels = {name: _sentinel(field) for name, field in self.binds.items()}
        queryset = self.build(**sentinels)
        compiler = queryset.query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        params = list(params)
        slots = {}
        for name, field in self.binds.items():
            prepared = field.get_db_prep_value(sentinels[name], connection, prepared=False)
            slots[name] = [i for i, param in enumerate(params) if param == prepared]
            if not slots[name]:
                raise ImproperlyConfigured(f"CompiledQuery: {name!r} does not reach the SQL of {self.build!r}")
        # Where the model's own columns and the annotations sit, as the ORM's ModelIterable reads them (none for a
        # values() queryset, which only `rows` reads).
        of_models = issubclass(queryset._iterable_class, ModelIterable) and compiler.klass_info
        klass_info = compiler.klass_info if of_models else {"select_fields": []}
        if klass_info.get("related_klass_infos"):
            raise ImproperlyConfigured(f"CompiledQuery: no select_related in {self.build!r}")
        columns = klass_info["select_fields"]
        fields_at = slice(columns[0], columns[-1] + 1) if columns else slice(0, 0)
        field_names = [column.target.attname for column, _sql, _alias in compiler.select[fields_at]]
        return _Compiled(queryset.model, sql, params, slots, compiler, field_names, fields_at,
                         dict(compiler.annotation_col_map or {}))

    def _bound(self, using: str, values: dict[str, Any]) -> tuple[_Compiled, list]:
        if values.keys() != self.binds.keys():
            raise TypeError(f"CompiledQuery binds {sorted(self.binds)}, given {sorted(values)}")
        compiled = self._compiled(using)
        connection = connections[using]
        params = list(compiled.params)
        for name, value in values.items():
            prepared = self.binds[name].get_db_prep_value(value, connection, prepared=False)
            for slot in compiled.slots[name]:
                params[slot] = prepared
        return compiled, params

    def first(self, using: str = "default", **values: Any) -> M | None:
        """The first row as the queryset's model (its annotations as attributes), or None."""
        compiled, params = self._bound(using, values)
        if not compiled.field_names:
            raise ImproperlyConfigured(f"CompiledQuery: {self.build!r} selects no model rows; read it with rows()")
        found = self._fetch(using, compiled, params)
        if not found:
            return None
        row = found[0]
        instance = compiled.model.from_db(using, compiled.field_names, row[compiled.fields_at])
        for name, column in compiled.annotations_at.items():
            setattr(instance, name, row[column])
        return cast(M, instance)

    def rows(self, using: str = "default", **values: Any) -> list[tuple]:
        """Every row as a tuple of the queryset's selected values, converted as the ORM converts them."""
        compiled, params = self._bound(using, values)
        return self._fetch(using, compiled, params)

    @staticmethod
    def _fetch(using: str, compiled: _Compiled, params: list) -> list[tuple]:
        with connections[using].cursor() as cursor:
            cursor.execute(compiled.sql, params)
            found = cursor.fetchall()
        return [tuple(row) for row in compiled.compiler.results_iter(results=[found], tuple_expected=True)]
