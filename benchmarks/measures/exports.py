# ruff: noqa: S608  (table names come from the models' _meta, ids are ints)
"""The resident list export and the 12333 ledger export, against a bare
SELECT of the same rows written write-only."""

from __future__ import annotations

import io
import tempfile

from django.db import connection
from django.db.models import Count

from benchmarks.measures.results import Result, ratio_result
from benchmarks.measures.serving import bench_user
from benchmarks.measures.subjects import busiest_community_id, community_staff
from benchmarks.measures.timing import alternate, rolled_back, timed

MB = 1024 * 1024


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


def closed(response) -> None:
    """Close a response made outside a request as the test client does: with
    request_finished's close_old_connections disconnected, which would
    otherwise close the database connection inside the rolled-back
    transaction (and, in a test, the test's own)."""
    from django.core.signals import request_finished
    from django.db import close_old_connections

    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


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
        return rolled_back(lambda: closed(resident_export(user=user, filters={})))

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
