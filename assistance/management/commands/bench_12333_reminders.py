# ruff: noqa: S608  (SQL is assembled from constants in this file; values go as parameters)
"""Benchmark of the daily 12333 reminder run on PostgreSQL.

Builds a synthetic region (one district "370499", its streets, communities,
staff and street officers), N residents with one assistance case each,
opened evenly over the last fifteen months, and their services in the log:
most cases on schedule, BEHIND_PERCENT one kind behind, the current period
half done. Everything is generated server-side with INSERT ... SELECT over
generate_series, so 500,000 cases load in about a minute.

Then it times:
  bare SQL   - the query that selects what is due on a first run, which looks at
               every open case (assistance.reminders.due_query), executed and
               fetched through a plain cursor;
  first run  - reminders_send on a day with nothing sent yet (inserts every
               notification and escalation);
  re-run     - the same day again (nothing new);
  next day, day after - the daily runs: only cases that crossed a threshold
               since the last run, or were opened since, are looked at;
  every case - the day after again with --full, what a daily run would cost if
               it looked at every open case (the weekly safety net does).
and prints each with its ratio to the bare SQL. The target is a daily run
within 2x the bare SQL, well under a minute at 500k cases.

Use your own database (DATABASE_URL=postgres://.../portal_<you>). --clear
removes the synthetic data (only rows under the bench district).
"""

from __future__ import annotations

import datetime as dt
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from assistance.reminders import due_query, reminders_send
from assistance.schedule import COUNTED_KINDS, DEFAULT_SCHEDULE

BENCH_DISTRICT = "370499"
BEHIND_PERCENT = 15
COMMUNITIES_PER_STREET = 20
CASES_PER_COMMUNITY = 2500

# Filler for NOT NULL columns the bench does not care about, by SQL type.
FILLER = {
    "character varying": "''",
    "text": "''",
    "boolean": "false",
    "smallint": "0",
    "integer": "0",
    "bigint": "0",
    "date": "current_date",
    "timestamp with time zone": "now()",
    "jsonb": "'{}'::jsonb",
    "numeric": "0",
}


def _not_null_columns(table: str) -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = %s AND is_nullable = 'NO' AND column_default IS NULL AND column_name <> 'id'",
            [table],
        )
        return dict(cursor.fetchall())


def _insert_select(table: str, values: dict[str, str], source: str, params=()) -> int:
    """INSERT INTO table (...) SELECT <values, filler for other NOT NULL columns> FROM source."""
    columns = dict(values)
    for name, data_type in _not_null_columns(table).items():
        if name not in columns:
            if data_type not in FILLER:
                raise CommandError(f"{table}.{name} ({data_type}) needs a value for the benchmark")
            columns[name] = FILLER[data_type]
    sql = f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(columns.values())} FROM {source}"
    with connection.cursor() as cursor:
        cursor.execute(sql, list(params))
        return cursor.rowcount


class Command(BaseCommand):
    help = "Time the 12333 reminder run against the bare SQL that selects what is due (PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=500_000)
        parser.add_argument("--clear", action="store_true", help="Only remove earlier benchmark data.")
        parser.add_argument("--keep", action="store_true", help="Keep the synthetic data afterwards.")

    def handle(self, *args, cases, clear, keep, **options):
        if connection.vendor != "postgresql":
            raise CommandError("The benchmark needs PostgreSQL: set DATABASE_URL to your own database.")
        self._clear()
        if clear:
            return
        today = timezone.localdate()
        started = time.perf_counter()
        self._build(cases, today)
        self.stdout.write(f"Synthetic data for {cases:,} cases built in {time.perf_counter() - started:.1f}s.")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        try:
            self._measure(today)
        finally:
            if not keep:
                self._clear()

    # --- data -----------------------------------------------------------------
    def _clear(self) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT id FROM stations_district WHERE code = %s", [BENCH_DISTRICT])
            if cursor.fetchone() is None:
                return
            bench_communities = (
                "SELECT c.id FROM stations_community c JOIN stations_street s ON s.id = c.street_id "
                "JOIN stations_district d ON d.id = s.district_id WHERE d.code = %s"
            )
            bench_users = "SELECT id FROM stations_user WHERE username LIKE 'bench-12333-%%'"
            for sql in (
                f"DELETE FROM stations_notification WHERE recipient_id IN ({bench_users})",
                "DELETE FROM assistance_escalation WHERE case_id IN (SELECT id FROM assistance_assistancecase "
                f"WHERE resident_id IN (SELECT id FROM stations_resident WHERE community_id IN ({bench_communities})))",
                "DELETE FROM assistance_caseassignment WHERE case_id IN (SELECT id FROM assistance_assistancecase "
                f"WHERE resident_id IN (SELECT id FROM stations_resident WHERE community_id IN ({bench_communities})))",
                "DELETE FROM assistance_assistancecase WHERE resident_id IN "
                f"(SELECT id FROM stations_resident WHERE community_id IN ({bench_communities}))",
                "DELETE FROM stations_servicerecord WHERE resident_id IN "
                f"(SELECT id FROM stations_resident WHERE community_id IN ({bench_communities}))",
                f"DELETE FROM stations_resident WHERE community_id IN ({bench_communities})",
            ):
                cursor.execute(sql, [BENCH_DISTRICT] if "%s" in sql else [])
            cursor.execute("DELETE FROM stations_user WHERE username LIKE 'bench-12333-%%'")
            cursor.execute(
                f"DELETE FROM stations_community WHERE id IN ({bench_communities})",
                [BENCH_DISTRICT],
            )
            cursor.execute(
                "DELETE FROM stations_street WHERE district_id IN (SELECT id FROM stations_district WHERE code = %s)",
                [BENCH_DISTRICT],
            )
            cursor.execute("DELETE FROM stations_district WHERE code = %s", [BENCH_DISTRICT])
        self.stdout.write("Earlier benchmark data removed.")

    def _build(self, cases: int, today: dt.date) -> None:
        communities = max(1, -(-cases // CASES_PER_COMMUNITY))
        streets = max(1, -(-communities // COMMUNITIES_PER_STREET))
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO stations_district (code, name) VALUES (%s, '基准测试区') RETURNING id", [BENCH_DISTRICT]
            )
            district_id = cursor.fetchone()[0]
            cursor.execute(
                "INSERT INTO stations_street (district_id, code, name) SELECT %s, %s || lpad(g::text, 3, '0'), "
                "'基准街道' || g FROM generate_series(1, %s) g",
                [district_id, BENCH_DISTRICT, streets],
            )
            _insert_select(
                "stations_community",
                {
                    "street_id": "s.id",
                    "code": "s.code || lpad(g::text, 3, '0')",
                    "name": "'基准社区' || s.code || '-' || g",
                    "kind": "'urban'",
                    "urban_population": "8000",
                    "community_worker_count": "12",
                },
                f"stations_street s CROSS JOIN generate_series(1, {COMMUNITIES_PER_STREET}) g "
                f"WHERE s.district_id = {int(district_id)}",
            )
            user_values = {
                "password": "'!'",
                "is_active": "true",
                "date_joined": "now()",
                "first_name": "'基准'",
            }
            _insert_select(
                "stations_user",
                {
                    **user_values,
                    "username": "'bench-12333-c' || c.id",
                    "role": "'community_staff'",
                    "community_id": "c.id",
                },
                "stations_community c JOIN stations_street s ON s.id = c.street_id "
                f"WHERE s.district_id = {int(district_id)}",
            )
            _insert_select(
                "stations_user",
                {**user_values, "username": "'bench-12333-s' || s.id", "role": "'street_officer'", "street_id": "s.id"},
                f"stations_street s WHERE s.district_id = {int(district_id)}",
            )
            # Residents: spread over the bench communities, one case each.
            _insert_select(
                "stations_resident",
                {
                    "community_id": "c.id",
                    "name": "'基准居民' || g",
                    "id_number": "'B' || lpad(g::text, 17, '0')",
                    "birth_date": "date '1980-01-01' + mod(g, 9000)::int",
                    "sex": "CASE WHEN mod(g, 2) = 0 THEN 'F' ELSE 'M' END",
                    "employment_status": "'unemployed'",
                    "created_at": "now()",
                    "updated_at": "now()",
                },
                "generate_series(1, %s) g JOIN LATERAL (SELECT array_agg(c.id ORDER BY c.id) ids "
                "FROM stations_community c JOIN stations_street s ON s.id = c.street_id "
                "WHERE s.district_id = %s) cs ON true "
                "JOIN stations_community c ON c.id = cs.ids[1 + mod(g, array_length(cs.ids, 1))]",
                [cases, district_id],
            )
            # Cases opened evenly over the last 15 months, all open.
            _insert_select(
                "assistance_assistancecase",
                {
                    "resident_id": "r.id",
                    "assigned_to_id": "u.id",
                    "opened_by_id": "u.id",
                    "aid_type": "'basic_service'",
                    "opened_on": "o.day",
                    "year_ends_on": "(o.day + interval '12 months' - interval '1 day')::date",
                    "origin": "'staff'",
                    "status": "'open'",
                    "close_reason": "''",
                    "close_note": "''",
                    "created_at": "now()",
                    "updated_at": "now()",
                },
                "stations_resident r JOIN stations_user u ON u.community_id = r.community_id "
                "AND u.username LIKE 'bench-12333-c%%' "
                "CROSS JOIN LATERAL (SELECT (%s::date - mod(r.id, 456)::int) AS day) o "
                "WHERE r.id_number LIKE 'B%%'",
                [today],
            )
            # Services per checkpoint period: the increment of each kind,
            # dated within the period; periods not yet ended are half done;
            # BEHIND_PERCENT of cases never got one kind.
            increments = []
            previous_month, previous = 0, dict.fromkeys(COUNTED_KINDS, 0)
            for month in sorted(DEFAULT_SCHEDULE, key=int):
                for index, kind in enumerate(COUNTED_KINDS):
                    delta = DEFAULT_SCHEDULE[month][kind] - previous[kind]
                    if delta > 0:
                        increments.append(f"({previous_month}, {int(month)}, '{kind}', {index}, {delta})")
                    previous[kind] = DEFAULT_SCHEDULE[month][kind]
                previous_month = int(month)
            _insert_select(
                "stations_servicerecord",
                {
                    "resident_id": "c.resident_id",
                    "kind": "p.kind",
                    "served_on": "LEAST(%s::date, p.start_on + (random() * GREATEST(0, p.end_on - p.start_on))::int)",
                    "staff_id": "c.assigned_to_id",
                    "channel": "'phone'",
                    "created_at": "now()",
                },
                "assistance_assistancecase c "
                f"CROSS JOIN (VALUES {', '.join(increments)}) AS i(from_month, to_month, kind, kind_index, n) "
                "CROSS JOIN LATERAL (SELECT i.kind, "
                "(c.opened_on + make_interval(months => i.from_month))::date AS start_on, "
                "(c.opened_on + make_interval(months => i.to_month) - interval '1 day')::date AS end_on) p "
                "CROSS JOIN generate_series(1, i.n) g "
                "WHERE c.resident_id IN (SELECT id FROM stations_resident WHERE id_number LIKE 'B%%') "
                "AND p.start_on <= %s "
                "AND NOT (mod(c.id, 100) < %s AND mod(c.id, 4) = i.kind_index) "
                "AND (p.end_on < %s OR random() < 0.5)",
                [today, today, BEHIND_PERCENT, today],
            )
            cursor.execute(
                "SELECT count(*) FROM stations_servicerecord WHERE resident_id IN "
                "(SELECT id FROM stations_resident WHERE id_number LIKE 'B%%')"
            )
            self.stdout.write(f"  {communities} communities, {streets} streets, {cursor.fetchone()[0]:,} services.")

    # --- timing ---------------------------------------------------------------
    def _bare(self, today: dt.date) -> tuple[float, int]:
        sql, params = due_query(today=today)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")  # as the reminder run does
            start = time.perf_counter()
            cursor.execute(sql, params)
            rows = cursor.fetchall()
            return time.perf_counter() - start, len(rows)

    def _measure(self, today: dt.date) -> None:
        from assistance.models import ReminderRun

        # The runs below leave their log rows (the next run's watermark): removed afterwards.
        runs_before = ReminderRun.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        self._bare(today)  # warm the cache like a daily run would find it
        bare, selected = self._bare(today)
        self.stdout.write(f"bare SQL (what is due)   {bare:8.2f}s  {selected:,} cases selected")
        try:
            for label, day, full in (
                ("first run (every case)", today, False),
                ("re-run same day", today, False),
                ("next day", today + dt.timedelta(days=1), False),
                ("day after", today + dt.timedelta(days=2), False),
                ("day after, every case", today + dt.timedelta(days=2), True),
            ):
                result = reminders_send(today=day, full=full)
                ratio = result.seconds_total / bare if bare else float("inf")
                self.stdout.write(
                    f"{label:<24} {result.seconds_total:8.2f}s  {ratio:5.2f}x bare  "
                    f"(query {result.seconds_query:.2f}s)  {result.cases_selected:,} cases, "
                    f"{result.items:,} reminders, {result.escalations:,} escalations, {result.sent:,} new"
                )
        finally:
            ReminderRun.objects.filter(pk__gt=runs_before).delete()
