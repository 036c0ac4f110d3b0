"""`manage.py bench` (`make bench`): every city-scale figure with its limit.

Runs against the configured database (PostgreSQL with the city data of
`seed_demo --scale city`), prints a table and writes var/bench/latest.json: a
list of {name, value, unit, limit, ratio, target, met, note}. Each figure is
measured against its limit in the same run (benchmarks/measures/); a missed
target is printed as such. Writes are rolled back or removed.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_city manage.py bench
    manage.py bench --only workbook,matching --repeat 1
    BENCH_SMALL_DATABASE_URL=postgres://.../portal_city500k manage.py bench   # and the slope per figure

Before measuring it runs VACUUM (ANALYZE) on tables without fresh statistics;
it prints the load average with each figure; it counts every table's rows
before and after and reports a difference as a missed target.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from benchmarks.measures.hygiene import analyze_where_missing, leftover_result, table_counts
from benchmarks.measures.results import Result, fmt, format_table, write_json
from benchmarks.measures.runner import DEFAULT_FIGURES, FIGURES, run_figure


def machine() -> str:
    cpus = "?"
    with contextlib.suppress(AttributeError, OSError):
        cpus = str(len(os.sched_getaffinity(0)))
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.0f} GB RAM"
                break
    except OSError:
        pass
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{platform.system()} {platform.release()}, {cpus} CPUs {model}, {memory}, "
        f"Python {platform.python_version()}, PostgreSQL {pg}; load average at start {load}"
    )


def sizes_of(cursor) -> dict[str, int]:
    """What the figures grow with, read through any DB-API cursor (the other
    database of a comparison is read through its own connection)."""
    from assistance.models import AssistanceCase
    from jobs.models import Posting
    from stations.models import Resident, ServiceRecord

    out = {}
    for key, model in (
        ("residents", Resident),
        ("service records", ServiceRecord),
        ("postings", Posting),
        ("assistance cases", AssistanceCase),
    ):
        cursor.execute(f"SELECT count(*) FROM {model._meta.db_table}")  # noqa: S608 (a model's table)
        out[key] = cursor.fetchone()[0]
    return out


def growth_rows(big: list[dict], small: list[dict], ratio: float) -> list[dict]:
    """Per figure in both runs: the value at each size, how many times it
    grew, and the slope: log(growth) / log(size ratio), so 0 is flat, 1 grows
    as the register does, and in between grows more slowly."""
    by_name = {r["name"]: r for r in small}
    rows = []
    for r in big:
        other = by_name.get(r["name"])
        if other is None or not r["value"] or not other["value"] or r["unit"] == "":
            continue
        growth = r["value"] / other["value"]
        slope = math.log(growth) / math.log(ratio) if ratio > 1 and growth > 0 else None
        rows.append(
            {
                "name": r["name"],
                "unit": r["unit"],
                "small": other["value"],
                "big": r["value"],
                "growth": growth,
                "slope": slope,
                "small_ratio": other["ratio"],
                "big_ratio": r["ratio"],
            }
        )
    return rows


def format_growth(rows: list[dict], small_label: str, big_label: str) -> str:
    lines = [f"{'figure':<52} {small_label:>10} {big_label:>10} {'unit':<7} {'growth':>7} {'slope':>6}  ratio"]
    for g in rows:
        slope = "-" if g["slope"] is None else f"{g['slope']:.2f}"
        lines.append(
            f"{g['name']:<52} {fmt(g['small']):>10} {fmt(g['big']):>10} {g['unit']:<7} {g['growth']:>6.2f}x "
            f"{slope:>6}  {fmt(g['small_ratio'])} -> {fmt(g['big_ratio'])}"
        )
    return "\n".join(lines)


def _short_load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


class Command(BaseCommand):
    help = (
        "Benchmark every city-scale figure against its limit; writes var/bench/latest.json. With --compare "
        "(or BENCH_SMALL_DATABASE_URL) also runs each figure on a second, smaller database and prints the slope."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--only", default="", help=f"Comma-separated figures, of: {', '.join(FIGURES)} (default all)."
        )
        parser.add_argument("--repeat", type=int, default=3, help="Runs of each heavy figure and its limit (median).")
        parser.add_argument("--requests", type=int, default=300, help="Requests per page for server times.")
        parser.add_argument("--rows", type=int, default=10_000, help="Rows of the imported ledger.")
        parser.add_argument("--seconds", type=int, default=10, help="Seconds of wrk per URL.")
        parser.add_argument("--output", default="", help="JSON path (default var/bench/latest.json).")
        parser.add_argument(
            "--compare",
            default=os.environ.get("BENCH_SMALL_DATABASE_URL", ""),
            help=(
                "postgres://... of the same product on smaller data (seed_demo --scale city500k): each figure "
                "runs there too, right after its run here, and the slope between the sizes is printed "
                "(default BENCH_SMALL_DATABASE_URL). Results: <output>, <output stem>-small.json, "
                "<output stem>-growth.json."
            ),
        )

    def handle(self, *args, only, repeat, requests, rows, seconds, output, compare, **options):
        if connection.vendor != "postgresql":
            raise CommandError(
                "The benchmark needs PostgreSQL with the city data: SQLite figures mean nothing at city scale. "
                "Set DATABASE_URL=postgres://... and run seed_demo --scale city there first."
            )
        wanted = [name.strip() for name in only.split(",") if name.strip()] or list(DEFAULT_FIGURES)
        unknown = set(wanted) - set(FIGURES)
        if unknown:
            raise CommandError(f"Unknown figures: {', '.join(sorted(unknown))}.")
        options_for = {
            "workbook": {"repeat": repeat},
            "export": {"repeat": repeat},
            "list_export": {"repeat": repeat},
            "import": {"rows": rows},
            "reminders": {"repeat": repeat},
            "matching": {"repeat": max(5, repeat * 5)},
            "pages": {"requests": requests},
            "dashboard": {"repeat": repeat},
            "throughput": {"seconds": seconds},
        }
        self.stdout.write(f"machine: {machine()}")
        self.stdout.write(f"database: {connection.settings_dict.get('NAME')}")
        path = Path(output) if output else Path(settings.BASE_DIR) / "var" / "bench" / "latest.json"
        small_path = path.with_name(f"{path.stem}-small.json")
        if compare:
            self.stdout.write(f"compared with: {compare.rsplit('/', 1)[-1]} (each figure runs there right after here)")
            small_path.unlink(missing_ok=True)

        autovacuum, analyzed = analyze_where_missing()
        self.stdout.write(
            f"statistics: autovacuum is {autovacuum}; "
            + (f"VACUUM (ANALYZE) run on {len(analyzed)} tables: {', '.join(analyzed)}" if analyzed else "all fresh")
        )
        counts_before = table_counts()
        results: list[Result] = []
        failed = []
        for name in wanted:
            started = time.perf_counter()
            self.stdout.write(f"measuring {name} ... (load average {_short_load()})")
            found, failure = run_figure(name, **options_for[name])
            if failure:
                failed.append(name)
                self.stderr.write(failure)
            results.extend(found)
            write_json(results, path)  # after each figure, so a stopped run keeps what it measured
            for r in found:
                self.stdout.write(f"  {r.name}: {format_table([r]).splitlines()[1][52:].strip()}")
            self.stdout.write(f"  done in {time.perf_counter() - started:.0f} s (load average {_short_load()})")
            if compare:
                self.run_small(name, compare, small_path, repeat, requests, rows, seconds)
        results.append(leftover_result(counts_before, table_counts()))
        write_json(results, path)
        self.stdout.write("")
        self.stdout.write(format_table(results))
        self.stdout.write("")
        for r in results:
            if r.met is False:
                self.stdout.write(self.style.WARNING(f"TARGET MISSED: {r.name}: {r.target} ({r.note})".rstrip()))
        if failed:
            self.stdout.write(self.style.ERROR(f"figures that failed to run: {', '.join(failed)}"))
        missed = sum(1 for r in results if r.met is False)
        summary = f"{len(results) - missed} of {len(results)} targets met; results in {path}"
        self.stdout.write((self.style.SUCCESS if not missed else self.style.WARNING)(summary))
        if compare:
            self.print_growth(path, small_path, compare)

    def run_small(self, name, url, small_path, repeat, requests, rows, seconds) -> None:
        """The same figure on the smaller database, in a fresh process (its own
        connection, caches and, for the throughput figure, gunicorn), whose
        results are appended to small_path."""
        part = small_path.with_name(f"{small_path.stem}-{name}.json")
        env = {**os.environ, "DATABASE_URL": url, "BENCH_SMALL_DATABASE_URL": ""}
        command = [
            sys.executable,
            str(Path(settings.BASE_DIR) / "manage.py"),
            "bench",
            f"--only={name}",
            f"--repeat={repeat}",
            f"--requests={requests}",
            f"--rows={rows}",
            f"--seconds={seconds}",
            f"--output={part}",
            "--compare=",
        ]
        self.stdout.write(f"  the same on {url.rsplit('/', 1)[-1]} ...")
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
        if done.returncode != 0 or not part.exists():
            self.stderr.write(done.stdout[-3000:] + done.stderr[-3000:])
            self.stdout.write(self.style.ERROR(f"  {name} failed on the smaller database"))
            return
        found = json.loads(part.read_text(encoding="utf-8"))
        part.unlink()
        for r in found:
            if r["name"] != "rows left behind by the run":
                self.stdout.write(f"    {r['name']}: {fmt(r['value'])} {r['unit']}")
            elif not r["met"]:
                self.stdout.write(self.style.ERROR(f"    rows left behind on the smaller database: {r['note']}"))
        kept = json.loads(small_path.read_text(encoding="utf-8")) if small_path.exists() else []
        small_path.parent.mkdir(parents=True, exist_ok=True)
        small_path.write_text(json.dumps(kept + found, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    def print_growth(self, path: Path, small_path: Path, url: str) -> None:
        import psycopg2

        with connection.cursor() as cursor:
            big_sizes = sizes_of(cursor)
        with contextlib.closing(psycopg2.connect(url)) as other, other.cursor() as cursor:
            small_sizes = sizes_of(cursor)
        ratio = big_sizes["residents"] / max(small_sizes["residents"], 1)
        big = json.loads(path.read_text(encoding="utf-8"))
        small = json.loads(small_path.read_text(encoding="utf-8")) if small_path.exists() else []
        rows = growth_rows(big, small, ratio)
        self.stdout.write("")
        self.stdout.write(
            "How cost grows: "
            + "; ".join(f"{k} {small_sizes[k]:,} -> {big_sizes[k]:,}" for k in big_sizes)
            + f" (slope = log(growth) / log({ratio:.2f}))"
        )
        self.stdout.write(
            format_growth(rows, f"{small_sizes['residents'] // 1000:,}k", f"{big_sizes['residents'] // 1000:,}k")
        )
        growth_path = path.with_name(f"{path.stem}-growth.json")
        growth_path.write_text(
            json.dumps(
                {"sizes": {"small": small_sizes, "big": big_sizes}, "figures": rows}, ensure_ascii=False, indent=2
            )
            + "\n",
            encoding="utf-8",
        )
        self.stdout.write(f"slopes in {growth_path}")
