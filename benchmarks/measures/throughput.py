"""Requests per second of the public job list under wrk against gunicorn."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from django.conf import settings

from benchmarks.measures.pages import job_list_query
from benchmarks.measures.results import Result, floor_result


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
    query = job_list_query()
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
