"""`manage.py bench` (`make bench`): every city-scale figure with its limit.

Runs against the configured database (PostgreSQL with the city data of
`seed_demo --scale city`), prints a table and writes var/bench/latest.json: a
list of {name, value, unit, limit, ratio, target, met, note}. Each figure is
measured against its limit in the same run (benchmarks.measures); a missed
target is printed as such. Writes are rolled back.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_city manage.py bench
    manage.py bench --only workbook,matching --repeat 1
"""

from __future__ import annotations

import contextlib
import os
import platform
import time
import traceback
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import override_settings

from benchmarks import measures


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


class Command(BaseCommand):
    help = "Benchmark every city-scale figure against its limit; writes var/bench/latest.json."

    def add_arguments(self, parser):
        parser.add_argument(
            "--only", default="", help=f"Comma-separated figures, of: {', '.join(measures.FIGURES)} (default all)."
        )
        parser.add_argument("--repeat", type=int, default=3, help="Runs of each heavy figure and its limit (median).")
        parser.add_argument("--requests", type=int, default=300, help="Requests per page for server times.")
        parser.add_argument("--rows", type=int, default=10_000, help="Rows of the imported ledger.")
        parser.add_argument("--seconds", type=int, default=10, help="Seconds of wrk per URL.")
        parser.add_argument("--output", default="", help="JSON path (default var/bench/latest.json).")

    def handle(self, *args, only, repeat, requests, rows, seconds, output, **options):
        if connection.vendor != "postgresql":
            raise CommandError(
                "The benchmark needs PostgreSQL with the city data: SQLite figures mean nothing at city scale. "
                "Set DATABASE_URL=postgres://... and run seed_demo --scale city there first."
            )
        wanted = [name.strip() for name in only.split(",") if name.strip()] or list(measures.DEFAULT_FIGURES)
        unknown = set(wanted) - set(measures.FIGURES)
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
            "throughput": {"seconds": seconds},
        }
        self.stdout.write(f"machine: {machine()}")
        self.stdout.write(f"database: {connection.settings_dict.get('NAME')}")
        path = Path(output) if output else Path(settings.BASE_DIR) / "var" / "bench" / "latest.json"
        results: list[measures.Result] = []
        failed = []
        for name in wanted:
            started = time.perf_counter()
            self.stdout.write(f"measuring {name} ...")
            try:
                # As in production: no query log kept for every statement.
                with override_settings(DEBUG=False):
                    found = measures.FIGURES[name](**options_for[name])
            except Exception as exc:  # one broken figure must not hide the others
                failed.append(name)
                self.stderr.write(traceback.format_exc())
                found = [
                    measures.Result(name, 0, "", None, None, "runs", False, f"failed: {type(exc).__name__}: {exc}")
                ]
            results.extend(found)
            measures.write_json(results, path)  # after each figure, so a stopped run keeps what it measured
            for r in found:
                self.stdout.write(f"  {r.name}: {measures.format_table([r]).splitlines()[1][52:].strip()}")
            self.stdout.write(f"  done in {time.perf_counter() - started:.0f} s")
        self.stdout.write("")
        self.stdout.write(measures.format_table(results))
        self.stdout.write("")
        for r in results:
            if r.met is False:
                self.stdout.write(self.style.WARNING(f"TARGET MISSED: {r.name}: {r.target} ({r.note})".rstrip()))
        if failed:
            self.stdout.write(self.style.ERROR(f"figures that failed to run: {', '.join(failed)}"))
        missed = sum(1 for r in results if r.met is False)
        summary = f"{len(results) - missed} of {len(results)} targets met; results in {path}"
        self.stdout.write((self.style.SUCCESS if not missed else self.style.WARNING)(summary))
