"""The city workbook and the city dashboard, each against the bare
aggregation of the same period."""

from __future__ import annotations

import datetime as dt
import io

from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from benchmarks.measures.results import Result, ceiling_result, ratio_result
from benchmarks.measures.serving import bench_settings, bench_user, page_results, serve_times, signed_in
from benchmarks.measures.timing import alternate, peak_mb, timed


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
        serve_times(client, url, 1)  # fills the trend cache, as the nightly warm-up does
        page, minimal = [], []
        for _ in range(max(repeat, 3)):
            page += serve_times(client, url, 1)
            minimal += serve_times(client, MINIMAL_PATH, 10)
        results = page_results(
            "city dashboard, last month",
            page,
            minimal,
            f"{len(page)} requests as a city account, trend cached",
            median=10,
            p95=None,
        )
        quarter_url = f"{url}?period={quarter.label}"
        serve_times(client, quarter_url, 1)

        def product() -> float:
            return timed(lambda: serve_times(client, quarter_url, 1))

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
