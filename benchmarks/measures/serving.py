"""Pages served in process through the whole Django stack, against the
minimal view served the same way, by accounts made for the run."""

from __future__ import annotations

import contextlib
import logging
import os
import statistics
import time

from benchmarks.measures.results import Result, ratio_result
from benchmarks.measures.timing import percentile


def serve_times(client, path: str, requests: int, **extra) -> list[float]:
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(path, **extra)
        times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
    return times


def page_results(
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


def serve_in_turns(client, paths: dict[str, str], *, requests: int, budget_seconds: float, warm: int = 5):
    """Server times (ms) of each path and of the minimal view, requested in
    turns of ten so that drift in the machine's load falls on all alike;
    fewer than `requests` (at least 30 each) once `budget_seconds` is spent."""
    from benchmarks.bench_urls import MINIMAL_PATH

    everything = {**paths, "minimal": MINIMAL_PATH}
    for path in everything.values():
        serve_times(client, path, warm)
    times: dict[str, list[float]] = {name: [] for name in everything}
    started = time.monotonic()
    for turn in range(max(requests // 10, 3)):
        for name, path in everything.items():
            times[name] += serve_times(client, path, 10)
        if turn >= 2 and time.monotonic() - started > budget_seconds:
            break
    return times
