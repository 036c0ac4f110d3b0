# ruff: noqa: S608  (table names come from the models' _meta, ids are ints)
"""The figures of `manage.py bench`, each paired with a limit measured in the
same run on the same machine: what the product does, against the least any
implementation must do for the same result. The ratio is what is reported
and held to the targets of the city-scale plan; absolute times on a shared
machine are noise.

Writes of the product's services are made inside a transaction that is
rolled back; pages are served in autocommit, as in production, and the rows
they commit (sessions, audit entries, the accounts made for the run) are
removed after each figure (`nothing_left_behind`). The command counts every
table's rows before and after the run and reports any difference.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import io
import json
import logging
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

MB = 1024 * 1024


# --- results ----------------------------------------------------------------------------
@dataclass
class Result:
    """One line of the table and of var/bench/latest.json."""

    name: str
    value: float
    unit: str
    limit: float | None
    ratio: float | None
    target: str
    met: bool | None
    note: str = ""
    # The 1-minute load average when the figure started and when it ended.
    load_average: list[float] | None = None

    def as_json(self) -> dict:
        return asdict(self)


def ratio_result(name: str, value: float, limit: float, unit: str, *, at_most: float, note: str = "") -> Result:
    """A figure held to `value / limit <= at_most`."""
    ratio = value / limit if limit else None
    met = ratio is not None and ratio <= at_most
    return Result(name, value, unit, limit, ratio, f"ratio <= {at_most:g}", met, note)


def floor_result(name: str, value: float, limit: float, unit: str, *, at_least: float, note: str = "") -> Result:
    """A figure held to `value / limit >= at_least` (throughput)."""
    ratio = value / limit if limit else None
    met = ratio is not None and ratio >= at_least
    return Result(name, value, unit, limit, ratio, f"ratio >= {at_least:g}", met, note)


def ceiling_result(
    name: str, value: float, limit: float | None, unit: str, *, value_at_most: float, note: str = ""
) -> Result:
    """A figure held to an absolute ceiling (memory, matching time); the limit
    is still measured and its ratio shown for orientation."""
    ratio = value / limit if limit else None
    return Result(name, value, unit, limit, ratio, f"value <= {value_at_most:g} {unit}", value <= value_at_most, note)


def write_json(results: list[Result], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps([r.as_json() for r in results], ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _fmt(value: float | None, digits: int = 2) -> str:
    if value is None:
        return "-"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


def format_table(results: list[Result]) -> str:
    """A fixed-width table (also pasted into the README as Markdown)."""
    lines = [f"{'figure':<52} {'value':>10} {'limit':>10} {'unit':<6} {'ratio':>6}  {'target':<22} met"]
    for r in results:
        met = "yes" if r.met else ("NO" if r.met is False else "-")
        lines.append(
            f"{r.name:<52} {_fmt(r.value):>10} {_fmt(r.limit):>10} {r.unit:<6} {_fmt(r.ratio):>6}  {r.target:<22} {met}"
        )
    return "\n".join(lines)


def markdown_table(results: list[Result]) -> str:
    lines = ["| figure | value | limit | unit | ratio | target | met |", "|---|---:|---:|---|---:|---|---|"]
    for r in results:
        met = "yes" if r.met else ("**NO**" if r.met is False else "-")
        lines.append(
            f"| {r.name} | {_fmt(r.value)} | {_fmt(r.limit)} | {r.unit} | {_fmt(r.ratio)} | {r.target} | {met} |"
        )
    return "\n".join(lines)


# --- timing helpers -----------------------------------------------------------------------
class _Rollback(Exception):
    pass


def rolled_back(func: Callable[[], object], *, setup: Callable[[], object] | None = None) -> float:
    """Seconds `func` takes inside a transaction that is then rolled back;
    `setup` runs first in the same transaction, untimed."""
    elapsed = 0.0
    try:
        with transaction.atomic():
            if setup is not None:
                setup()
            started = time.perf_counter()
            func()
            elapsed = time.perf_counter() - started
            raise _Rollback
    except _Rollback:
        pass
    return elapsed


def timed(func: Callable[[], object]) -> float:
    started = time.perf_counter()
    func()
    return time.perf_counter() - started


def alternate(
    product: Callable[[], float], limit: Callable[[], float], repeat: int, *, warm_up: bool = True
) -> tuple[float, float]:
    """Median seconds of each, run in turns (after one warm-up each unless the
    work is long enough to warm itself), so drift in the machine's load falls
    on both alike. Each callable returns its own elapsed seconds, so setup
    outside the timed part is not counted."""
    if warm_up:
        product()
        limit()
    ps, ls = [], []
    for _ in range(max(repeat, 1)):
        ps.append(product())
        ls.append(limit())
    return statistics.median(ps), statistics.median(ls)


def peak_mb(func: Callable[[], object]) -> float:
    """Peak Python memory while `func` runs (tracemalloc; slows it, so never
    timed in the same call)."""
    gc.collect()
    tracemalloc.start()
    try:
        func()
        return tracemalloc.get_traced_memory()[1] / MB
    finally:
        tracemalloc.stop()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


# --- hygiene: statistics before, nothing left behind after ---------------------------------------
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


# --- what the figures are measured on ----------------------------------------------------------
def busiest_community_id() -> int | None:
    from stations.models import Resident

    row = (
        Resident.objects.filter(removed_at__isnull=True)
        .values("community_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "community_id")
        .first()
    )
    return row["community_id"] if row else None


def community_staff(community_id: int):
    from stations.models import Role, User

    return (
        User.objects.filter(role=Role.COMMUNITY_STAFF, community_id=community_id, is_active=True).order_by("pk").first()
    )


# --- 1. the city workbook --------------------------------------------------------------------
def plain_workbook(table) -> bytes:
    """The same cells as reports.workbook.write_workbook, with no styles:
    one sheet of headline figures and one per source, write-only."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    sheets = [table.headline(), *([f for f in s.figures if not f.hidden] for s in table.sources)]
    for index, figures in enumerate(sheets):
        ws = wb.create_sheet(title=f"s{index}")
        ws.append([table.node.name])
        ws.append(["", *(str(f.label) for f in figures)])
        for row in [*table.rows, table.total]:
            ws.append([row.name, *(row.values.get(f.key) for f in figures)])
    ws = wb.create_sheet(title="definitions")
    for source in table.sources:
        for figure in source.figures:
            ws.append([str(source.sheet), str(figure.label), str(figure.definition)])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def workbook_queries_count(node, period) -> int:
    from reports.assemble import build_table
    from reports.workbook import write_workbook

    with CaptureQueriesContext(connection) as ctx:
        write_workbook(build_table(node, period))
    return len(ctx.captured_queries)


def measure_workbook(*, period=None, repeat: int = 3) -> list[Result]:
    """The city's workbook for last month: build_table + write_workbook,
    against the bare GROUP BY queries (benchmarks.bare_sql) plus the same
    cells written write-only; peak memory of each; query counts for the
    biggest district and the city (six times the communities)."""
    from benchmarks.bare_sql import run_workbook_queries
    from reports.assemble import build_table
    from reports.nodes import Node
    from reports.periods import previous_month
    from reports.workbook import write_workbook
    from stations.models import Community, District

    period = period or previous_month(timezone.localdate())
    city = Node("city", None)
    table = build_table(city, period)

    def product() -> float:
        return timed(lambda: write_workbook(build_table(city, period)))

    def limit() -> float:
        return timed(lambda: (run_workbook_queries(period), plain_workbook(table)))

    value, bare = alternate(product, limit, repeat)
    results = [ratio_result("city workbook build (last month)", value, bare, "s", at_most=1.5)]
    product_mb = peak_mb(lambda: write_workbook(build_table(city, period)))
    bare_mb = peak_mb(lambda: (run_workbook_queries(period), plain_workbook(table)))
    results.append(ceiling_result("city workbook peak memory", product_mb, bare_mb, "MB", value_at_most=300))

    district = District.objects.annotate(n=Count("streets__communities")).filter(n__gt=0).order_by("-n", "code").first()
    if district is not None:
        district_node = Node("district", district)
        district_communities = Community.objects.filter(street__district=district).count()
        city_communities = Community.objects.count()
        q_district = workbook_queries_count(district_node, period)
        q_city = workbook_queries_count(city, period)
        results.append(
            Result(
                "workbook queries: city vs biggest district",
                q_city,
                "queries",
                q_district,
                q_city / q_district if q_district else None,
                "city <= district",
                q_city <= q_district,
                f"{city_communities:,} communities in the city, {district_communities:,} in {district.code}",
            )
        )
    return results


# --- 2. a community's list export -------------------------------------------------------------
def _export_bare_sql(community_id: int) -> str:
    from stations.models import Community, Resident, TargetGroup

    r, c = Resident._meta.db_table, Community._meta.db_table
    through = Resident._meta.get_field("target_groups").remote_field.through._meta.db_table
    g = TargetGroup._meta.db_table
    agg = "string_agg(g.code, ',')" if connection.vendor == "postgresql" else "group_concat(g.code, ',')"
    # Table names come from _meta and the id is an int.
    sql = (
        "SELECT c.name, r.name, r.id_number, r.sex, r.birth_date, r.mobile, r.address, r.education, "
        "r.employment_status, r.skill_level, r.skills, r.wants_training, r.wanted_course_types, "
        "r.wanted_job_categories, r.wanted_work_pattern, r.salary_expectation, r.is_graduate, "
        "r.graduation_school, r.graduation_date, r.four_clears_score, "
        f"(SELECT {agg} FROM {through} t JOIN {g} g ON g.id = t.targetgroup_id WHERE t.resident_id = r.id) "
        f"FROM {r} r JOIN {c} c ON c.id = r.community_id "
        f"WHERE r.community_id = {int(community_id)} AND r.removed_at IS NULL ORDER BY c.name, r.name, r.id"
    )
    return sql  # noqa: RET504


def plain_sheet(rows: list[tuple]) -> None:
    """Write rows write-only to a spooled file, no styles: the export's limit."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("rows")
    for row in rows:
        ws.append(row)
    with tempfile.SpooledTemporaryFile(max_size=16 * MB) as buffer:
        wb.save(buffer)


def measure_export(*, community_id: int | None = None, repeat: int = 3) -> list[Result]:
    """The resident list export (stations.exports) of the busiest community,
    as its staff: against one bare SELECT of the same residents plus writing
    the same rows write-only."""
    from stations.exports import resident_export, resident_export_queryset, resident_export_rows

    community_id = community_id or busiest_community_id()
    user = community_staff(community_id) if community_id else None
    if user is None:
        return [Result("resident list export (busiest community)", 0, "s", None, None, "ratio <= 1.3", None, "no data")]
    rows = list(resident_export_rows(resident_export_queryset(user=user, filters={})))
    sql = _export_bare_sql(community_id)

    def product() -> float:
        return rolled_back(lambda: resident_export(user=user, filters={}).close())

    def limit() -> float:
        def run():
            with connection.cursor() as cursor:
                cursor.execute(sql)
                cursor.fetchall()
            plain_sheet(rows)

        return timed(run)

    value, bare = alternate(product, limit, repeat, warm_up=len(rows) < 5000)
    note = f"{len(rows):,} rows"
    return [ratio_result("resident list export (busiest community)", value, bare, "s", at_most=1.3, note=note)]


def measure_ledger_export(*, repeat: int = 3) -> list[Result]:
    """The 12333 ledger download (assistance:ledger_export, every case of the
    community with the most cases, as its staff, through the whole view in
    process) against the bare SQL of the view's case query fetched through a
    cursor plus the same rows written write-only (read back from the product's
    own file, untimed). Rolled back (the download writes an audit entry)."""
    from django.test import Client, override_settings
    from django.urls import reverse
    from openpyxl import load_workbook

    from assistance import clock, selectors
    from assistance.models import AssistanceCase

    name = "12333 ledger export (busiest community)"
    row = (
        AssistanceCase.objects.values("resident__community_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "resident__community_id")
        .first()
    )
    user = community_staff(row["resident__community_id"]) if row else None
    if user is None:
        return [Result(name, 0, "s", None, None, "ratio <= 1.3", None, "no cases")]
    filters = {"status": "", "assigned_to": "", "due": "", "overdue": "", "q": ""}
    sql, params = selectors.case_list(user=user, filters=filters, today=clock.today()).query.sql_with_params()
    url = reverse("assistance:ledger_export") + "?status=all"
    content = [b""]
    with override_settings(ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False):
        client = Client()
        # An account of the same community made for the run: no real account's sign-in changes.
        client.force_login(
            bench_user(user.role, community_id=user.community_id), backend="django.contrib.auth.backends.ModelBackend"
        )

        def product() -> float:
            def run():
                response = client.get(url)
                if response.status_code != 200:
                    raise RuntimeError(f"{url} answered {response.status_code}")
                content[0] = response.content

            return rolled_back(run)

        product()
        sheet = load_workbook(io.BytesIO(content[0]), read_only=True).worksheets[0]
        rows = [tuple(r) for r in sheet.iter_rows(values_only=True)]

        def limit() -> float:
            def run():
                with connection.cursor() as cursor:
                    cursor.execute(sql, params)
                    cursor.fetchall()
                plain_sheet(rows)

            return timed(run)

        value, bare = alternate(product, limit, repeat, warm_up=False)
    return [ratio_result(name, value, bare, "s", at_most=1.3, note=f"{len(rows) - 1:,} cases, all statuses")]


# --- 3. the resident ledger import ---------------------------------------------------------------
IMPORT_DISTRICT = "370499"  # no such district in the city data: the ledger's ID numbers are all new


def _rebase_ids(data: bytes) -> bytes:
    """The ledger generator writes ID numbers of 370402 (a real district whose
    residents the city data holds); move them to the bench district so none
    collides with a registered resident."""
    from openpyxl import load_workbook

    from stations.validators import id_check_char

    wb = load_workbook(io.BytesIO(data))
    ws = wb.worksheets[0]
    for (cell,) in ws.iter_rows(min_row=2, min_col=2, max_col=2):
        first17 = IMPORT_DISTRICT + str(cell.value)[6:17]
        cell.value = first17 + id_check_char(first17)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def measure_import(*, rows: int = 10_000, repeat: int = 1, seed: int = 20261126) -> list[Result]:
    """resident_import_batch_create + _confirm (the real path) against reading
    the same file read-only plus one bare bulk insert (bench_resident_import's
    functions). Each run is rolled back."""
    from stations.imports import services as import_services
    from stations.management.commands.bench_resident_import import bare_insert, ledger
    from stations.models import Community, District, Role, Street, User

    import_services.ASYNC_ROW_THRESHOLD = 10**9  # time the work itself, not a queue
    data, _rows = ledger(rows, f"{IMPORT_DISTRICT}001001", random.Random(seed))
    data = _rebase_ids(data)
    errors: list = []

    def setup():
        district, _ = District.objects.get_or_create(code=IMPORT_DISTRICT, defaults={"name": "基准测试区"})
        street, _ = Street.objects.get_or_create(
            code=f"{IMPORT_DISTRICT}001", district=district, defaults={"name": "基准街道"}
        )
        community, _ = Community.objects.get_or_create(
            code=f"{IMPORT_DISTRICT}001001", street=street, defaults={"name": "基准社区"}
        )
        user = User.objects.create(username=f"bench-import-{seed}", role=Role.COMMUNITY_STAFF, community=community)
        return community, user

    def product() -> float:
        elapsed = 0.0
        try:
            with transaction.atomic():
                _community, user = setup()
                started = time.perf_counter()
                batch = import_services.resident_import_batch_create(
                    actor=user, filename="bench.xlsx", data=data, update_existing=False
                )
                if batch.errors:
                    errors[:] = batch.errors[:3]
                else:
                    import_services.resident_import_batch_confirm(actor=user, batch=batch)
                elapsed = time.perf_counter() - started
                raise _Rollback
        except _Rollback:
            pass
        return elapsed

    def limit() -> float:
        elapsed = 0.0
        try:
            with transaction.atomic():
                community, _user = setup()
                started = time.perf_counter()
                bare_insert(data, community)
                elapsed = time.perf_counter() - started
                raise _Rollback
        except _Rollback:
            pass
        return elapsed

    value, bare = alternate(product, limit, repeat, warm_up=False)
    result = ratio_result(f"resident ledger import ({rows:,} rows)", value, bare, "s", at_most=3)
    if errors:
        result.met, result.note = False, f"the import found errors: {errors}"
    return [result]


# --- 4. the daily 12333 reminder run ------------------------------------------------------------
def measure_reminders(*, today: dt.date | None = None, repeat: int = 3) -> list[Result]:
    """assistance.reminders.reminders_send as the daily beat job runs it (the
    first run of the day, after yesterday's: yesterday's log row is written
    first, so the run looks at what fell due since, as it does every day;
    rolled back) against executing and fetching the bare SQL that selects
    what that run looks at (its due_query)."""
    from assistance import clock
    from assistance.models import AssistanceCase, CaseStatus, ReminderRun
    from assistance.reminders import due_query, reminder_window, reminders_send

    today = today or clock.today()
    sent = [0]

    def after_yesterdays_run() -> None:
        yesterday, now = today - dt.timedelta(days=1), timezone.now()
        ReminderRun.objects.create(
            day=yesterday,
            full_sweep=True,
            last_full_sweep_on=yesterday,
            policy_fingerprint=reminder_window(today, full=True).fingerprint,
            max_case_id=AssistanceCase.objects.order_by("-pk").values_list("pk", flat=True).first() or 0,
            started_at=now,
            finished_at=now,
        )

    def product() -> float:
        def run():
            sent[0] = reminders_send(today=today).items

        return rolled_back(run, setup=after_yesterdays_run)

    def limit() -> float:
        def bare():
            sql, params = due_query(today=today)
            with connection.cursor() as cursor:
                if connection.vendor == "postgresql":
                    cursor.execute("SET LOCAL jit = off")  # as the reminder run does
                cursor.execute(sql, params)
                cursor.fetchall()

        return rolled_back(bare, setup=after_yesterdays_run)

    value, bare = alternate(product, limit, repeat)
    open_cases = AssistanceCase.objects.filter(status=CaseStatus.OPEN).count()
    note = f"{open_cases:,} open cases, {sent[0]:,} reminders on {today}"
    return [ratio_result("12333 reminder run (first of the day)", value, bare, "s", at_most=2, note=note)]


# --- 5. matching ---------------------------------------------------------------------------------
def match_resident():
    """An unemployed resident with wishes (the case matching is for), else any."""
    from stations.models import EmploymentStatus, Resident

    qs = Resident.objects.filter(removed_at__isnull=True).select_related("community").order_by("pk")
    return qs.filter(employment_status=EmploymentStatus.UNEMPLOYED).exclude(wanted_job_categories="").first() or (
        qs.first()
    )


def measure_matching(*, repeat: int = 15) -> list[Result]:
    """jobs.matching.postings_for_resident over every live posting, median of
    `repeat`, against fetching the same columns of every live posting once."""
    from jobs import matching
    from jobs.models import Posting

    resident = match_resident()
    if resident is None:
        return [Result("match one resident against live postings", 0, "ms", None, None, "value <= 200 ms", None)]
    today = timezone.localdate()
    live = Posting.objects.live(on=today)
    fields = ("pk", "occupation_category", "work_pattern", "salary_max", "latitude", "longitude", "community_id")

    def product() -> float:
        return timed(lambda: matching.postings_for_resident(resident=resident, limit=20, today=today)) * 1000

    def limit() -> float:
        return timed(lambda: list(live.values_list(*fields))) * 1000

    value, bare = alternate(product, limit, repeat)
    note = f"{live.count():,} live postings"
    return [ceiling_result("match one resident against live postings", value, bare, "ms", value_at_most=200, note=note)]


# --- 6. server time of pages, in process ------------------------------------------------------------
PUBLIC_JOB_QUERY = "category=cleaning&pattern=full_time&salary=3000&sort=newest"


def _job_list_query() -> str:
    """Filters of the public list that match something in the data."""
    from jobs.models import Posting

    row = (
        Posting.objects.live(on=timezone.localdate())
        .values("occupation_category", "work_pattern", "community__street__district_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    if row is None:
        return PUBLIC_JOB_QUERY
    return (
        f"category={row['occupation_category']}&pattern={row['work_pattern']}"
        f"&district={row['community__street__district_id']}&salary=3000"
    )


def _serve_times(client, path: str, requests: int, **extra) -> list[float]:
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(path, **extra)
        times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
    return times


def _page_results(
    name: str, page: list[float], minimal: list[float], note: str, *, median: float = 5, p95: float | None = 10
) -> list[Result]:
    med, med_ref = statistics.median(page), statistics.median(minimal)
    results = [ratio_result(f"{name}: median", med, med_ref, "ms", at_most=median, note=note)]
    if p95 is not None:
        p95_value, p95_ref = percentile(page, 0.95), percentile(minimal, 0.95)
        results.append(ratio_result(f"{name}: p95", p95_value, p95_ref, "ms", at_most=p95, note=note))
    return results


@contextlib.contextmanager
def bench_settings(**extra):
    """The product's URLs plus the minimal view, DEBUG off, plain HTTP, and
    no INFO log lines (sign-in and security lines would flood the output)."""
    from django.test import override_settings

    logging.disable(logging.INFO)
    try:
        with override_settings(
            ROOT_URLCONF="benchmarks.bench_urls",
            DEBUG=False,
            ALLOWED_HOSTS=["testserver"],
            SECURE_SSL_REDIRECT=False,
            SESSION_COOKIE_SECURE=False,
            CSRF_COOKIE_SECURE=False,
            **extra,
        ):
            yield
    finally:
        logging.disable(logging.NOTSET)


def bench_user(role: str, **node):
    """A staff account of the role at `node` (community_id=, district_id=),
    made for the run: the figure's rows are removed afterwards
    (`nothing_left_behind`), and no real account's last sign-in changes."""
    from django.contrib.auth.hashers import make_password

    from stations.models import User

    return User.objects.create(
        username=f"bench-{role}-{os.getpid()}-{time.monotonic_ns()}",
        role=role,
        first_name="基准",
        password=make_password(None),
        **node,
    )


def signed_in(user):
    from django.test import Client

    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def search_path(client, text: str) -> str:
    """The address the search form redirects to (the text is kept server-side)."""
    from django.urls import reverse

    response = client.post(reverse("stations:resident_search"), {"text": text})
    if response.status_code != 302:
        raise RuntimeError(f"resident search answered {response.status_code}")
    return response["Location"]


def serve_in_turns(client, paths: dict[str, str], *, requests: int, budget_seconds: float, warm: int = 5):
    """Server times (ms) of each path and of the minimal view, requested in
    turns of ten so that drift in the machine's load falls on all alike;
    fewer than `requests` (at least 30 each) once `budget_seconds` is spent."""
    from benchmarks.bench_urls import MINIMAL_PATH

    everything = {**paths, "minimal": MINIMAL_PATH}
    for path in everything.values():
        _serve_times(client, path, warm)
    times: dict[str, list[float]] = {name: [] for name in everything}
    started = time.monotonic()
    for turn in range(max(requests // 10, 3)):
        for name, path in everything.items():
            times[name] += _serve_times(client, path, 10)
        if turn >= 2 and time.monotonic() - started > budget_seconds:
            break
    return times


# The public text search: a common job word, as residents type it.
PUBLIC_TEXT = "保洁"


def measure_pages(*, requests: int = 300, budget_seconds: float = 120) -> list[Result]:
    """Server time per request through the whole Django stack (django.test.Client,
    DEBUG off), median and p95, against the minimal view (benchmarks.bench_urls)
    requested the same way: anonymously for the public job list and its text
    search, signed in for the staff pages (as a community account of the
    busiest community, and as a district and a city account for the wider
    searches). `requests` per page, fewer (at least 30) when a group of pages
    has used up `budget_seconds`. The accounts are made for the run; every
    row the requests write (sessions, audit entries) is removed afterwards."""
    from django.test import Client
    from django.urls import reverse

    from benchmarks.bench_urls import EMPTY_STAFF_PATH
    from stations.models import Community, Resident, Role

    results: list[Result] = []
    community_id = busiest_community_id()
    with bench_settings():
        anonymous = Client()
        jobs_path = f"{reverse('jobs_public:posting_list')}?{_job_list_query()}"
        times = serve_in_turns(anonymous, {"jobs": jobs_path}, requests=requests, budget_seconds=budget_seconds)
        # Anonymous requests after the first are answered from the public page
        # cache, as a resident's phone is; the table says so.
        note = f"{len(times['jobs'])} requests; {jobs_path}; served from the page cache for visitors without a session"
        results += _page_results("public job list with filters", times["jobs"], times["minimal"], note)
    # A text nobody searched in the last minute: the page built afresh (no page cache).
    with bench_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}):
        anonymous = Client()
        text_path = f"{reverse('jobs_public:posting_list')}?q={PUBLIC_TEXT}"
        times = serve_in_turns(anonymous, {"text": text_path}, requests=requests, budget_seconds=budget_seconds)
        note = f"{len(times['text'])} requests; {text_path}; built afresh (no page cache)"
        results += _page_results("public job text search", times["text"], times["minimal"], note, p95=None)
    if community_id is None:
        return results
    resident = Resident.objects.filter(community_id=community_id, removed_at__isnull=True).order_by("pk").first()
    district_id = Community.objects.filter(pk=community_id).values_list("street__district_id", flat=True).get()
    with bench_settings():
        staff = signed_in(bench_user(Role.COMMUNITY_STAFF, community_id=community_id))
        paths = {
            "floor": EMPTY_STAFF_PATH,
            "surname": search_path(staff, resident.name[:1]),
            "id4": search_path(staff, resident.id_number[-4:]),
            "mobile4": search_path(staff, resident.mobile[-4:]),
            "record": reverse("stations:resident_detail", kwargs={"pk": resident.pk}),
        }
        times = serve_in_turns(staff, paths, requests=requests, budget_seconds=2 * budget_seconds)
        note = (
            f"{len(times['surname'])} requests each, signed in as staff of the busiest community (minimal view "
            f"too); surname {resident.name[:1]}"
        )
        minimal = times["minimal"]
        results += _page_results("empty staff page (the floor)", times["floor"], minimal, note, median=1.5, p95=None)
        # Names stay the same on every data set (the comparison pairs figures by
        # name); the surname searched, the first resident's, is in the note.
        results += _page_results("resident search by surname", times["surname"], minimal, note)
        results += _page_results("resident search, last four of ID", times["id4"], minimal, note, p95=None)
        results += _page_results("resident search, last four of mobile", times["mobile4"], minimal, note, p95=None)
        results += _page_results("resident record page", times["record"], minimal, note)
        for label, user in (
            ("district", bench_user(Role.DISTRICT_BUREAU, district_id=district_id)),
            ("city", bench_user(Role.CITY_BUREAU)),
        ):
            client = signed_in(user)
            path = search_path(client, resident.name[:1])
            times = serve_in_turns(client, {"search": path}, requests=requests, budget_seconds=budget_seconds)
            note = (
                f"{len(times['search'])} requests, signed in as a {label} account (minimal view too); "
                f"surname {resident.name[:1]}"
            )
            results += _page_results(
                f"resident search by surname, {label} staff",
                times["search"],
                times["minimal"],
                note,
                median=10,
                p95=None,
            )
    return results


def measure_dashboard(*, repeat: int = 3) -> list[Result]:
    """The city dashboard as a city account: last month (its trend warmed
    first, as the nightly job does) against the signed-in minimal view; and
    the previous quarter against its bare aggregation (benchmarks.bare_sql,
    the workbook's raw GROUP BY queries for the same period)."""
    from django.urls import reverse

    from benchmarks.bare_sql import run_workbook_queries
    from benchmarks.bench_urls import MINIMAL_PATH
    from reports.periods import parse_period, previous_month
    from stations.models import Role

    today = timezone.localdate()
    last_month = previous_month(today)
    first_of_quarter = dt.date(last_month.start.year, 3 * ((last_month.start.month - 1) // 3) + 1, 1)
    quarter_end = first_of_quarter - dt.timedelta(days=1)
    quarter = parse_period(f"{quarter_end.year}-Q{(quarter_end.month - 1) // 3 + 1}")
    with bench_settings():
        client = signed_in(bench_user(Role.CITY_BUREAU))
        url = reverse("reports:dashboard")
        _serve_times(client, url, 1)  # fills the trend cache, as the nightly warm-up does
        page, minimal = [], []
        for _ in range(max(repeat, 3)):
            page += _serve_times(client, url, 1)
            minimal += _serve_times(client, MINIMAL_PATH, 10)
        results = _page_results(
            "city dashboard, last month",
            page,
            minimal,
            f"{len(page)} requests as a city account, trend cached",
            median=10,
            p95=None,
        )
        quarter_url = f"{url}?period={quarter.label}"
        _serve_times(client, quarter_url, 1)

        def product() -> float:
            return timed(lambda: _serve_times(client, quarter_url, 1))

        def limit() -> float:
            return timed(lambda: run_workbook_queries(quarter))

        value, bare = alternate(product, limit, repeat, warm_up=False)
    results.append(
        ratio_result(
            f"city dashboard, {quarter.label}",
            value,
            bare,
            "s",
            at_most=1.5,
            note="against the bare GROUP BY queries of the workbook for the same period",
        )
    )
    return results


# --- 7. throughput under a load generator ----------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def parse_wrk(output: str) -> tuple[float, int]:
    """(requests per second, non-2xx/3xx responses) from wrk's report."""
    match = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if not match:
        raise RuntimeError(f"wrk printed no rate:\n{output}")
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return float(match[1]), int(bad[1]) if bad else 0


def gunicorn_env() -> dict[str, str]:
    """What a production run needs, DEBUG off, for a loopback benchmark."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="benchmarks.bench_settings",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=os.urandom(32).hex(),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_SECURE_COOKIES="false",
        DJANGO_HSTS_SECONDS="0",
        DJANGO_STATIC_MANIFEST="false",
        LOG_LEVEL="WARNING",
    )
    return env


@contextlib.contextmanager
def gunicorn_server(workers: int):
    port = free_port()
    binary = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(  # noqa: S603 (fixed arguments)
        [
            str(binary),
            "config.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            "--log-level=warning",
        ],
        env=gunicorn_env(),
        cwd=settings.BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2):  # noqa: S310 (loopback)
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        "gunicorn did not start: " + (process.stderr.read().decode()[-2000:] if process.stderr else "")
                    ) from None
                time.sleep(0.3)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def wrk(url: str, *, seconds: int, threads: int, connections: int) -> tuple[float, int]:
    output = subprocess.run(  # noqa: S603 (fixed arguments)
        [shutil.which("wrk") or "wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s", url],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 30,
    ).stdout
    return parse_wrk(output)


def measure_throughput(*, seconds: int = 10, workers: int = 2, threads: int = 2, connections: int = 8) -> list[Result]:
    """Requests per second of the filtered public job list under wrk on
    loopback, against gunicorn (DEBUG off) started here, vs the minimal view
    on the same server. Bounded: `seconds` per URL."""
    from benchmarks.bench_urls import MINIMAL_PATH

    name = "public job list throughput (wrk, gunicorn)"
    if not shutil.which("wrk"):
        return [
            Result(name, 0, "req/s", None, None, "ratio >= 0.3", None, "wrk is not installed (apt-get install wrk)")
        ]
    query = _job_list_query()
    with gunicorn_server(workers) as base:
        jobs_url = f"{base}/jobs/?{query}"
        for _ in range(2 * workers):  # every worker has served the page once
            with urllib.request.urlopen(jobs_url, timeout=60) as response:  # noqa: S310 (loopback)
                if response.status != 200:
                    raise RuntimeError(f"{jobs_url} answered {response.status}")
        ref, ref_bad = wrk(base + MINIMAL_PATH, seconds=seconds, threads=threads, connections=connections)
        rate, bad = wrk(jobs_url, seconds=seconds, threads=threads, connections=connections)
    note = (
        f"minimal view first; gunicorn {workers} sync workers, wrk -t{threads} -c{connections} -d{seconds}s; "
        f"/jobs/?{query}"
    )
    if bad or ref_bad:
        note += f"; {bad + ref_bad} non-2xx responses"
    result = floor_result(name, rate, ref, "req/s", at_least=0.3, note=note)
    if bad:
        result.met = False
    return [result]


# Figures a plain `manage.py bench` runs.
DEFAULT_FIGURES = (
    "workbook",
    "export",
    "list_export",
    "import",
    "reminders",
    "matching",
    "pages",
    "dashboard",
    "throughput",
)

# --- all of it --------------------------------------------------------------------------------------
FIGURES: dict[str, Callable[..., list[Result]]] = {
    "workbook": measure_workbook,
    "export": measure_ledger_export,
    "list_export": measure_export,
    "import": measure_import,
    "reminders": measure_reminders,
    "matching": measure_matching,
    "pages": measure_pages,
    "dashboard": measure_dashboard,
    "throughput": measure_throughput,
}
