"""Queries whose SQL is built once per process, for the busiest pages.

Django builds and compiles a queryset's SQL again on every request. For the joins,
subqueries and annotations of a busy page that is most of the query's cost: the
forum's thread list takes 3.6 ms of Python to build and compile and 0.4 ms in
SQLite (measured at bench size M, 2026-11-23). ``prepared`` builds a queryset once
per process and shape, with stand-in values, keeps its SQL, and afterwards runs
that SQL with each call's own values through the queryset's own iterable: the rows
come back exactly as the queryset would give them (model instances with their
``select_related`` rows and annotations, ``values()`` dictionaries, prefetches).

    @prepared
    def thread_rows(forum_id: int, user_id: int, *, moderator: bool) -> QuerySet[Thread]:
        threads = Thread.objects.filter(forum=forum_id).with_reader(user_id)
        return (threads if moderator else threads.shown())[:20]

    rows = thread_rows(forum.pk, user.pk, moderator=fa.is_moderator)  # a list

- **Positional parameters are the values**: each an ``int``, a ``str`` or an aware
  ``datetime``, which the SQL must take as a parameter, unchanged (a ``bool`` or
  ``None`` changes the SQL itself: pass it as shape). A builder may take
  ``*values`` too, as many as its shape uses.
- **Keyword-only parameters are the shape**: anything hashable that changes the
  SQL (a flag, a choice, ``None``). Each shape is compiled once.
- The builder must depend on nothing but its parameters: not the clock, not the
  request. ``prepared`` builds each shape twice with different stand-ins and
  refuses (``PreparedQueryError``) a query whose SQL differs between the two, whose
  other parameters differ (the clock), or where a value is not one parameter as
  given (a slice bound is written into the SQL; ``icontains`` wraps it in «%»).

The result is a list, not a queryset: nothing can be chained onto SQL that is
already written. A count is a builder returning ``counted(rows)``, read with
``.count(...)``.
"""

from __future__ import annotations

import copy
import datetime
import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Count, QuerySet, Value
from django.utils import timezone

T = TypeVar("T")
VALUE_TYPES = (int, str, datetime.datetime)


class PreparedQueryError(TypeError):
    """A builder that cannot be prepared, or a call with a value it cannot take."""


@dataclass(frozen=True)
class _Compiled:
    queryset: QuerySet
    compiler: Any  # the SQLCompiler that compiled it, with its columns set up
    sql: str | None  # None: the shape matches nothing (``.none()``)
    params: tuple[Any, ...]
    slots: tuple[tuple[int, int], ...]  # (position in params, index of the value)


def _stand_in(kind: type, index: int, second: bool) -> Any:
    if kind is int:
        # Within every integer column's range, the smallest (PostgreSQL's smallint)
        # included: Django answers a lookup beyond a column's range without asking the
        # database (nothing matches, or everything does), and leaves the value out of
        # the SQL.
        return 30001 + 2 * index + int(second)
    if kind is str:
        return f"\ue000prepared {index} {'b' if second else 'a'}\ue000"
    return datetime.datetime(1901 + int(second), 1, 1, 0, 0, index, tzinfo=datetime.UTC)


def _adapter(kind: type, alias: str) -> Callable[[Any], Any]:
    if kind is datetime.datetime:
        return connections[alias].ops.adapt_datetimefield_value
    return kind  # int or str: a choice (an enum member) as its plain value, as the ORM sends it


class Prepared(Generic[T]):
    def __init__(self, build: Callable[..., QuerySet[T]]) -> None:
        self.build = build
        parameters = inspect.signature(build).parameters.values()
        self.n_values = sum(p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) for p in parameters)
        # A builder with ``*values`` takes as many as its shape needs (each count is its own shape).
        self.takes_more = any(p.kind == p.VAR_POSITIONAL for p in parameters)
        self._compiled: dict[tuple[Any, ...], _Compiled] = {}
        functools.update_wrapper(self, build)

    def __call__(self, *values: Any, **shape: Any) -> list[T]:
        if len(values) < self.n_values or (len(values) > self.n_values and not self.takes_more):
            raise PreparedQueryError(f"{self.build.__qualname__} takes {self.n_values} values, got {len(values)}")
        if not settings.SPEED_HELPERS:
            # The plain ORM: the builder's queryset, built and compiled on every call.
            return list(self.build(*values, **shape))
        kinds = tuple(self._kind(value) for value in values)
        key = (kinds, tuple(sorted(shape.items())))
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = self._compiled[key] = self._compile(kinds, shape)
        if compiled.sql is None:
            return []
        alias = compiled.queryset.db
        params = list(compiled.params)
        for position, index in compiled.slots:
            params[position] = _adapter(kinds[index], alias)(values[index])
        # A copy of the compiler that answers with the SQL already written, bound to
        # this thread's connection (connections are per thread).
        compiler = copy.copy(compiled.compiler)
        compiler.connection = connections[alias]
        sql = compiled.sql
        compiler.as_sql = lambda *args, **kwargs: (sql, params)
        queryset = compiled.queryset._chain()
        queryset.query.get_compiler = lambda *args, **kwargs: compiler  # type: ignore[method-assign]
        return list(queryset)

    def first(self, *values: Any, **shape: Any) -> T | None:
        """The first row, or None (the builder slices, ``[:1]``, to read no more)."""
        rows = self(*values, **shape)
        return rows[0] if rows else None

    def count(self, *values: Any, **shape: Any) -> int:
        """The count of a builder that returns ``counted(rows)``."""
        rows = self(*values, **shape)
        return int(rows[0]) if rows else 0  # type: ignore[call-overload]

    @staticmethod
    def _kind(value: Any) -> type:
        if isinstance(value, bool) or not isinstance(value, VALUE_TYPES):
            raise PreparedQueryError(
                f"a prepared value must be an int, a str or an aware datetime, not {value!r} (pass it as shape)"
            )
        if isinstance(value, datetime.datetime) and timezone.is_naive(value):
            raise PreparedQueryError(f"a prepared datetime must be aware: {value!r}")
        if isinstance(value, datetime.datetime):
            return datetime.datetime
        return int if isinstance(value, int) else str

    def _compile(self, kinds: tuple[type, ...], shape: dict[str, Any]) -> _Compiled:
        name = self.build.__qualname__
        first = self.build(*(_stand_in(kind, i, False) for i, kind in enumerate(kinds)), **shape)
        second = self.build(*(_stand_in(kind, i, True) for i, kind in enumerate(kinds)), **shape)
        compiled = []
        for queryset in (first, second):
            compiler = queryset.query.get_compiler(using=queryset.db)
            try:
                sql, params = compiler.as_sql()
            except EmptyResultSet:
                sql, params = None, ()
            compiled.append((compiler, sql, tuple(params)))
        (compiler, sql, params), (_compiler, other_sql, other_params) = compiled
        if sql != other_sql or len(params) != len(other_params):
            raise PreparedQueryError(f"{name}: its SQL depends on a value; pass that as shape")
        alias = first.db
        slots = []
        for position, (a, b) in enumerate(zip(params, other_params, strict=True)):
            if a == b:
                continue
            index = next(
                (
                    i
                    for i, kind in enumerate(kinds)
                    if a == _adapter(kind, alias)(_stand_in(kind, i, False))
                    and b == _adapter(kind, alias)(_stand_in(kind, i, True))
                ),
                None,
            )
            if index is None:
                raise PreparedQueryError(
                    f"{name}: parameter {position} changes on its own (the clock?) or is a changed value"
                )
            slots.append((position, index))
        missing = set(range(len(kinds))) - {index for _position, index in slots}
        if sql is not None and missing:
            raise PreparedQueryError(f"{name}: values {sorted(missing)} are not parameters of its SQL as given")
        return _Compiled(queryset=first, compiler=compiler, sql=sql, params=params, slots=tuple(slots))


def counted(rows: QuerySet[Any]) -> QuerySet[Any]:
    """``rows.count()`` as a query a builder can return (``count()`` runs no queryset):
    one row holding the count, grouped by a constant, so none when there are no rows.
    Read it with ``Prepared.count``."""
    counts: QuerySet[Any] = rows.order_by().annotate(one=Value(1)).values("one").annotate(n=Count("pk"))
    return counts.values_list("n", flat=True)


def prepared(build: Callable[..., QuerySet[T]]) -> Prepared[T]:
    return Prepared(build)
