# ruff: noqa: S608  (table names come from the models' _meta, ids are ints)
"""What keeps a run honest: statistics before measuring, and no row left
behind after it."""

from __future__ import annotations

import contextlib
import os

from django.db import connection, transaction

from benchmarks.measures.results import Result


def _tables() -> list[tuple[str, str, bool]]:
    """(table, primary key column, whether the key is an integer) of every
    table the project's models own."""
    from django.apps import apps
    from django.db import models

    seen, out = set(), []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.db_table in seen:
            continue
        seen.add(meta.db_table)
        integer = isinstance(meta.pk, models.AutoField | models.BigAutoField | models.IntegerField)
        out.append((meta.db_table, meta.pk.column, integer))
    return sorted(out)


def table_counts() -> dict[str, int]:
    """Exact rows of every table (a few seconds at city scale)."""
    counts = {}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table, _pk, _integer in _tables():
            cursor.execute(f"SELECT count(*) FROM {quote(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def leftover_result(before: dict[str, int], after: dict[str, int]) -> Result:
    """One line of the table: rows the run added or removed, per table."""
    changed = {t: after.get(t, 0) - before.get(t, 0) for t in sorted(set(before) | set(after))}
    changed = {t: n for t, n in changed.items() if n}
    note = ", ".join(f"{t} {n:+,}" for t, n in changed.items()) or "every table holds the rows it held before"
    total = sum(abs(n) for n in changed.values())
    return Result("rows left behind by the run", total, "rows", None, None, "value = 0", total == 0, note)


@contextlib.contextmanager
def nothing_left_behind():
    """Remove the rows a figure's requests committed (sessions, audit entries
    of the sign-ins and record views, the accounts made for the run). Pages
    are measured in autocommit, as they are served, so a commit stays part of
    each request's cost; what they wrote is deleted here afterwards: rows
    whose integer key is above the table's highest before the figure, and
    sessions that did not exist."""
    quote = connection.ops.quote_name
    tables = _tables()
    before: dict[str, object] = {}
    with connection.cursor() as cursor:
        for table, pk, integer in tables:
            if integer:
                cursor.execute(f"SELECT max({quote(pk)}) FROM {quote(table)}")
                before[table] = cursor.fetchone()[0] or 0
            else:
                cursor.execute(f"SELECT {quote(pk)} FROM {quote(table)}")
                before[table] = {row[0] for row in cursor.fetchall()}
    try:
        yield
    finally:
        # One transaction: foreign keys between the removed rows (an audit
        # entry's account) are checked at its end, when both are gone.
        with transaction.atomic(), connection.cursor() as cursor:
            for table, pk, integer in tables:
                if integer:
                    cursor.execute(f"DELETE FROM {quote(table)} WHERE {quote(pk)} > %s", [before[table]])
                else:
                    cursor.execute(f"SELECT {quote(pk)} FROM {quote(table)}")
                    new = [row[0] for row in cursor.fetchall() if row[0] not in before[table]]
                    for start in range(0, len(new), 500):
                        chunk = new[start : start + 500]
                        marks = ", ".join(["%s"] * len(chunk))
                        cursor.execute(f"DELETE FROM {quote(table)} WHERE {quote(pk)} IN ({marks})", chunk)


def missing_statistics() -> list[str]:
    """Tables with rows that were never analyzed, or changed by more than a
    tenth since (autovacuum may be off: on the benchmark machine it was, and
    nothing had statistics after a load until VACUUM (ANALYZE))."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.relname FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid "
            "WHERE s.schemaname = current_schema() AND (c.reltuples < 0 "
            "OR (s.last_analyze IS NULL AND s.last_autoanalyze IS NULL AND s.n_live_tup > 0) "
            "OR s.n_mod_since_analyze > 1000 + 0.1 * greatest(c.reltuples, 0)) ORDER BY s.relname"
        )
        return [row[0] for row in cursor.fetchall()]


def analyze_where_missing() -> tuple[str, list[str]]:
    """(the autovacuum setting, the tables analyzed now). VACUUM (ANALYZE)
    outside a transaction (it also sets the visibility map index-only scans
    need); ANALYZE inside one (tests)."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("SHOW autovacuum")
        autovacuum = cursor.fetchone()[0]
        tables = missing_statistics()
        verb = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
        for table in tables:
            cursor.execute(f"{verb} {quote(table)}")
    return autovacuum, tables


def load_average() -> tuple[float, float, float]:
    return os.getloadavg()
