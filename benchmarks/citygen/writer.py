"""Bulk writing for the city data: PostgreSQL COPY of plain tuples or of
model instances, big tables loaded with their indexes built afterwards, and
bulk_create elsewhere (SQLite, in tests)."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import re
from decimal import Decimal

from django.db import connection, models
from django.utils import timezone

BATCH = 5000

_CSV_SPECIAL = re.compile(r'[,"\n\r\\]')


def _csv_text(text: str) -> str:
    if _CSV_SPECIAL.search(text):
        return '"' + text.replace('"', '""') + '"'
    return text


# One formatter per Python type: a chain of isinstance checks for each of the
# 200 million values of the city data was a third of the generator's own time.
_CSV_BY_TYPE = {
    str: _csv_text,
    int: str,
    float: repr,
    bool: lambda v: "t" if v else "f",
    type(None): lambda _v: "\\N",
    dt.date: dt.date.isoformat,
    dt.datetime: dt.datetime.isoformat,
    Decimal: str,
}


def _csv_value(value) -> str:
    formatter = _CSV_BY_TYPE.get(type(value))
    if formatter is not None:
        return formatter(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return _csv_text(str(value))  # str subclasses such as choices members


def _missing_defaults(model, attnames: list[str]) -> tuple[list[str], list]:
    """The concrete columns a caller's tuples leave out, with the value Django
    would save for each (its default, else NULL, else now for timestamps), so
    a column added to a model later does not break the COPY."""
    names, values = [], []
    now = timezone.now()
    for field in model._meta.concrete_fields:
        if field.primary_key or field.attname in attnames:
            continue
        if field.has_default():
            value = field.get_default()
            value = json.dumps(value) if isinstance(field, models.JSONField) else value
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = now
        elif field.null:
            value = None
        elif isinstance(field, models.CharField | models.TextField):
            value = ""
        else:
            raise ValueError(f"{model.__name__}.{field.attname} needs a value in the generated rows")
        names.append(field.attname)
        values.append(value)
    return names, values


def copy_tuples(model, attnames: list[str], rows: list[tuple]) -> None:
    """The fastest path for the biggest tables: plain tuples, no model
    instances. Columns the tuples leave out take their defaults."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create([model(**dict(zip(attnames, row, strict=True))) for row in rows], batch_size=BATCH)
        return
    extra_names, extra_values = _missing_defaults(model, attnames)
    tail = "".join("," + _csv_value(v) for v in extra_values) + "\n"
    buffer = io.StringIO()
    write = buffer.write
    by_type = _CSV_BY_TYPE
    for row in rows:
        write(",".join([by_type[type(v)](v) if type(v) in by_type else _csv_value(v) for v in row]))
        write(tail)
    buffer.seek(0)
    fields = {f.attname: f.column for f in model._meta.concrete_fields}
    columns = ", ".join(connection.ops.quote_name(fields[name]) for name in [*attnames, *extra_names])
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv, NULL '\\N')", buffer)  # noqa: S608


# Below this many new rows, or fewer than the table holds, indexes are kept up
# row by row; above, they are dropped and built again after the load.
REBUILD_INDEXES_AT = 100_000


@contextlib.contextmanager
def indexes_deferred(model, *, adding: int, at_least: int = REBUILD_INDEXES_AT):
    """Load a big table as pg_restore does: drop its secondary indexes and
    foreign keys, COPY, then build the indexes once and validate each key in
    one pass. Building an index over 8 million rows is several times cheaper
    than maintaining it per row, and each foreign key otherwise queues a check
    per row until the commit. Transactional: a failed step restores them.
    Primary and unique keys stay (they keep the data right during the load)."""
    if connection.vendor != "postgresql" or adding < at_least or adding < model.objects.count():
        yield
        return
    if not connection.in_atomic_block:
        raise RuntimeError("indexes_deferred needs a transaction: a failed load must not leave a table without indexes")
    quote = connection.ops.quote_name
    table = model._meta.db_table
    # ALTER TABLE refuses while earlier rows of the transaction wait for their
    # deferred key checks: run those checks now.
    settle = "SET CONSTRAINTS ALL IMMEDIATE; SET CONSTRAINTS ALL DEFERRED"
    with connection.cursor() as cursor:
        cursor.execute(settle)
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype = 'f' ORDER BY conname",
            [table],
        )
        keys = cursor.fetchall()
        cursor.execute(
            "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
            "WHERE x.indrelid = %s::regclass AND NOT x.indisprimary AND NOT x.indisunique ORDER BY i.relname",
            [table],
        )
        indexes = cursor.fetchall()
        for name, _definition in keys:
            cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {quote(name)}")
    yield
    with connection.cursor() as cursor:
        cursor.execute(settle)
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for _name, definition in indexes:
            cursor.execute(definition)
        for name, definition in keys:
            cursor.execute(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}")


def _copy_value(obj, attname: str, field, as_json: set[str]):
    value = getattr(obj, attname)
    if field is None or value is None:  # None is SQL NULL, as Django saves it (not JSON null)
        return value
    if attname in as_json:
        return json.dumps(value, ensure_ascii=False)
    return field.get_db_prep_save(value, connection)


def bulk_insert(model, objects: list, *, with_pk: bool = False) -> None:
    """PostgreSQL COPY for the big tables (several times faster than INSERT),
    bulk_create elsewhere. Values are taken as the instances hold them, so
    auto_now fields must be set by the caller. with_pk: the instances carry
    their primary keys (see insert_keyed)."""
    if not objects:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objects, batch_size=BATCH)
        return
    fields = [f for f in model._meta.concrete_fields if with_pk or not f.primary_key]
    now = timezone.now()
    stamped = [f.attname for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
    # Plain values (text, numbers, dates, keys) go to COPY as they are; only the
    # other field types need Django's conversion. Converting every value was
    # two thirds of the residents step's time (profiled at 30,000 rows).
    plain = (
        models.CharField,
        models.TextField,
        models.BooleanField,
        models.IntegerField,
        models.DateField,
        models.DecimalField,
        models.ForeignKey,
    )
    convert = [(f.attname, None if isinstance(f, plain) else f) for f in fields]
    # The driver's JSON adapter renders an SQL literal, not the text COPY reads.
    as_json = {f.attname for f in fields if isinstance(f, models.JSONField)}
    buffer = io.StringIO()
    for obj in objects:
        # Timestamps the caller set (a history spread over years) are kept.
        for attname in stamped:
            if getattr(obj, attname) is None:
                setattr(obj, attname, now)
        buffer.write(",".join(_csv_value(_copy_value(obj, attname, f, as_json)) for attname, f in convert))
        buffer.write("\n")
    buffer.seek(0)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv, NULL '\\N')", buffer)  # noqa: S608


def insert_keyed(model, objects: list) -> None:
    """Insert giving every instance its primary key (rows that others point
    at) and keeping the timestamps the caller set, on every database.

    PostgreSQL: keys drawn from the table's sequence in one query, then COPY.
    Elsewhere bulk_create stamps auto_now_add fields with now, so the caller's
    dates are written back afterwards (only small test data goes this way)."""
    if not objects:
        return
    if connection.vendor == "postgresql":
        pk = model._meta.pk
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [model._meta.db_table, pk.column, len(objects)],
            )
            for obj, (key,) in zip(objects, cursor.fetchall(), strict=True):
                obj.pk = key
        bulk_insert(model, objects, with_pk=True)
        return
    stamped = [
        f.attname
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    wanted = [[getattr(obj, name) for name in stamped] for obj in objects]
    model.objects.bulk_create(objects, batch_size=BATCH)
    for obj, values in zip(objects, wanted, strict=True):
        for name, value in zip(stamped, values, strict=True):
            if value is not None:
                setattr(obj, name, value)
    if stamped:
        model.objects.bulk_update(objects, stamped, batch_size=BATCH)
