"""The beat schedule run in-process, for the embedded default (no broker).

Without `REDIS_URL` Celery runs every task eagerly and there is no `celery
beat`, so nothing would run on a schedule. `manage.py run_schedule` (started
beside the development server by `make run` and `make serve`) runs the one
schedule, `settings.CELERY_BEAT_SCHEDULE` (config/celery.py hands the same
dictionary to beat), in this process:

- each entry keeps the time it last ran and is due by its own Celery
  schedule (crontab or interval), as under beat. Those times are kept in a
  file under var/ (`ScheduleState`), as beat keeps var/celerybeat-schedule,
  so a time missed while the scheduler was stopped (the 12333 reminders at
  06:30, the monthly workbooks on the 1st) runs once when it starts again;
  an entry never run before counts from the start;
- a due entry's task runs eagerly (`Task.apply`) in a thread of its own, so a
  long monthly workbook does not hold up the minute relay;
- an entry whose previous run is still going is skipped for that time, never
  run twice at once.

The clock is passed to `tick()`, so tests drive it with fixed times.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from celery import Celery
from celery.schedules import BaseSchedule, maybe_schedule
from django.db import close_old_connections, connection

log = logging.getLogger("portal.scheduler")

# The longest the loop sleeps between looks at the clock: a changed system
# clock or a suspended laptop is noticed within half a minute.
MAX_SLEEP_SECONDS = 30.0


@dataclass
class ScheduledEntry:
    name: str
    task: str
    schedule: BaseSchedule
    last_run_at: dt.datetime
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)
    running: threading.Thread | None = None

    def is_running(self) -> bool:
        return self.running is not None and self.running.is_alive()


class Scheduler:
    """Runs `beat_schedule`'s tasks when they are due; see the module docstring."""

    def __init__(
        self,
        *,
        app: Celery,
        beat_schedule: dict,
        now: dt.datetime,
        in_threads: bool = True,
        last_runs: dict[str, dt.datetime] | None = None,
    ):
        self.app = app
        self.in_threads = in_threads
        self._now = now
        self.entries: list[ScheduledEntry] = []
        for name, spec in beat_schedule.items():
            # A copy reading this scheduler's clock, so the settings' schedule
            # objects stay as beat expects them.
            schedule = copy.copy(maybe_schedule(spec["schedule"], app=app))
            schedule.nowfun = self._clock
            self.entries.append(
                ScheduledEntry(
                    name=name,
                    task=spec["task"],
                    schedule=schedule,
                    # A stored time after `now` means the clock was set back: count from now.
                    last_run_at=min((last_runs or {}).get(name, now), now),
                    args=tuple(spec.get("args", ())),
                    kwargs=dict(spec.get("kwargs", {})),
                )
            )

    def _clock(self) -> dt.datetime:
        return self._now

    def tick(self, now: dt.datetime) -> list[str]:
        """Start every entry due at `now`; return the names started."""
        self._now = now
        started = []
        for entry in self.entries:
            due, _next = entry.schedule.is_due(entry.last_run_at)
            if not due:
                continue
            # The time is taken whether or not the run starts: a run still
            # going skips this time rather than starting again when it ends.
            entry.last_run_at = now
            if entry.is_running():
                log.warning("%s is still running: skipped its run due at %s", entry.name, now.isoformat())
                continue
            self._start(entry)
            started.append(entry.name)
        return started

    def seconds_to_next(self) -> float:
        """How long the loop may sleep before an entry can be due."""
        waits = [entry.schedule.is_due(entry.last_run_at)[1] for entry in self.entries]
        return max(1.0, min([MAX_SLEEP_SECONDS, *waits]))

    def last_runs(self) -> dict[str, dt.datetime]:
        return {entry.name: entry.last_run_at for entry in self.entries}

    def running(self) -> list[str]:
        return [entry.name for entry in self.entries if entry.is_running()]

    def join(self, timeout: float) -> list[str]:
        """Wait up to `timeout` seconds in all for the runs still going; return those left."""
        deadline = threading.Event()
        timer = threading.Timer(timeout, deadline.set)
        timer.start()
        try:
            for entry in self.entries:
                while entry.is_running() and not deadline.is_set():
                    assert entry.running is not None
                    entry.running.join(0.1)
        finally:
            timer.cancel()
        return self.running()

    def _start(self, entry: ScheduledEntry) -> None:
        run = self._runner(entry)
        if not self.in_threads:
            run()
            return
        # A daemon thread: stopping the scheduler does not wait for a run for
        # longer than `join` allows; its transaction is rolled back.
        entry.running = threading.Thread(target=run, name=f"schedule:{entry.name}", daemon=True)
        entry.running.start()

    def _runner(self, entry: ScheduledEntry) -> Callable[[], None]:
        def run() -> None:
            log.info("running %s (%s)", entry.name, entry.task)
            try:
                if self.in_threads:
                    close_old_connections()
                self.app.tasks[entry.task].apply(args=entry.args, kwargs=entry.kwargs, throw=True)
            except Exception:
                log.exception("%s failed", entry.name)
            finally:
                if self.in_threads:
                    connection.close()

        return run


class ScheduleState:
    """When each entry last ran, in a JSON file: read when the scheduler
    starts, written after every tick that started something."""

    def __init__(self, path: Path):
        self.path = Path(path)

    def load(self) -> dict[str, dt.datetime]:
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
            return {name: dt.datetime.fromisoformat(value) for name, value in stored.items()}
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, TypeError, AttributeError):
            # A damaged file loses only the catch-up, never the schedule.
            log.warning("%s is unreadable: every entry counts from now", self.path)
            return {}

    def save(self, last_runs: dict[str, dt.datetime]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(self.path.name + ".partial")
        partial.write_text(json.dumps({name: when.isoformat() for name, when in last_runs.items()}), encoding="utf-8")
        os.replace(partial, self.path)  # a crash mid-write leaves the previous file whole


def scheduler_from_settings(
    *, now: dt.datetime, in_threads: bool = True, last_runs: dict[str, dt.datetime] | None = None
) -> Scheduler:
    """A scheduler over the project's beat schedule, with every task module loaded."""
    from celery import current_app
    from django.conf import settings

    current_app.loader.import_default_modules()
    return Scheduler(
        app=current_app,
        beat_schedule=settings.CELERY_BEAT_SCHEDULE,
        now=now,
        in_threads=in_threads,
        last_runs=last_runs,
    )
