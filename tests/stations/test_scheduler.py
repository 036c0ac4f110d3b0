"""The beat schedule run in-process beside the development server (stations/scheduler.py)."""

import datetime as dt
import os
import signal
import subprocess
import sys
import threading
import zoneinfo
from pathlib import Path

import pytest
from celery import current_app, shared_task
from celery.schedules import crontab
from django.conf import settings
from django.core.management import call_command

from stations.scheduler import Scheduler, ScheduleState, scheduler_from_settings

BEIJING = zoneinfo.ZoneInfo("Asia/Shanghai")
ROOT = Path(__file__).resolve().parents[2]

runs: list[str] = []
release = threading.Event()


@shared_task(name="tests.scheduler_probe")
def scheduler_probe(label="probe"):
    runs.append(label)


@shared_task(name="tests.scheduler_slow_probe")
def scheduler_slow_probe():
    runs.append("slow")
    release.wait(10)


@pytest.fixture(autouse=True)
def _fresh_probe():
    runs.clear()
    release.clear()
    yield
    release.set()


def at(hour, minute, second=0, day=2):
    return dt.datetime(2026, 3, day, hour, minute, second, tzinfo=BEIJING)


def test_a_due_task_runs_once_when_its_time_comes():
    scheduler = Scheduler(
        app=current_app,
        beat_schedule={"alerts": {"task": "tests.scheduler_probe", "schedule": crontab(hour=7, minute=45)}},
        now=at(7, 0),
        in_threads=False,
    )

    assert scheduler.tick(at(7, 44, 59)) == []
    assert scheduler.tick(at(7, 45, 5)) == ["alerts"]
    assert scheduler.tick(at(7, 45, 35)) == []
    assert scheduler.tick(at(7, 46)) == []
    assert runs == ["probe"]


def test_a_due_task_runs_again_at_its_next_time():
    scheduler = Scheduler(
        app=current_app,
        beat_schedule={"alerts": {"task": "tests.scheduler_probe", "schedule": crontab(hour=7, minute=45)}},
        now=at(7, 0),
        in_threads=False,
    )

    scheduler.tick(at(7, 45))
    scheduler.tick(at(7, 45, day=3))

    assert runs == ["probe", "probe"]


def test_a_time_missed_before_the_scheduler_started_is_not_caught_up():
    scheduler = Scheduler(
        app=current_app,
        beat_schedule={"alerts": {"task": "tests.scheduler_probe", "schedule": crontab(hour=7, minute=45)}},
        now=at(8, 0),
        in_threads=False,
    )

    assert scheduler.tick(at(8, 0, 30)) == []
    assert runs == []


def test_a_time_missed_while_the_scheduler_was_stopped_runs_once_when_it_starts_again():
    # Stopped at 07:00 on the 2nd, started again at 09:00 on the 3rd: the 07:45 of the 3rd was missed.
    scheduler = Scheduler(
        app=current_app,
        beat_schedule={"alerts": {"task": "tests.scheduler_probe", "schedule": crontab(hour=7, minute=45)}},
        now=at(9, 0, day=3),
        in_threads=False,
        last_runs={"alerts": at(7, 0)},
    )

    assert scheduler.tick(at(9, 0, 1, day=3)) == ["alerts"]
    assert scheduler.tick(at(9, 1, day=3)) == []
    assert runs == ["probe"]


def test_a_stored_time_after_now_counts_from_now():
    scheduler = Scheduler(
        app=current_app,
        beat_schedule={"alerts": {"task": "tests.scheduler_probe", "schedule": crontab(hour=7, minute=45)}},
        now=at(8, 0),
        in_threads=False,
        last_runs={"alerts": at(8, 0, day=9)},
    )

    assert scheduler.last_runs() == {"alerts": at(8, 0)}


def test_schedule_state_keeps_the_last_runs_across_a_restart(tmp_path):
    state = ScheduleState(tmp_path / "schedule-state.json")
    state.save({"alerts": at(7, 45), "relay": at(7, 46)})

    assert ScheduleState(tmp_path / "schedule-state.json").load() == {"alerts": at(7, 45), "relay": at(7, 46)}


def test_a_damaged_schedule_state_counts_every_entry_from_now(tmp_path):
    path = tmp_path / "schedule-state.json"
    path.write_text('{"alerts": "not a time"', encoding="utf-8")

    assert ScheduleState(path).load() == {}


def test_no_schedule_state_yet_is_an_empty_one(tmp_path):
    assert ScheduleState(tmp_path / "schedule-state.json").load() == {}


def test_an_entry_passes_its_arguments_to_its_task():
    scheduler = Scheduler(
        app=current_app,
        beat_schedule={"probe": {"task": "tests.scheduler_probe", "schedule": 60.0, "kwargs": {"label": "relay"}}},
        now=at(7, 0),
        in_threads=False,
    )

    scheduler.tick(at(7, 1))

    assert runs == ["relay"]


def test_a_task_still_running_is_not_started_again():
    scheduler = Scheduler(
        app=current_app,
        beat_schedule={"slow": {"task": "tests.scheduler_slow_probe", "schedule": 60.0}},
        now=at(7, 0),
    )

    assert scheduler.tick(at(7, 1)) == ["slow"]
    assert scheduler.tick(at(7, 2)) == []
    release.set()
    assert scheduler.join(timeout=5) == []
    assert scheduler.tick(at(7, 3)) == ["slow"]
    assert scheduler.join(timeout=5) == []
    assert runs == ["slow", "slow"]


def test_the_scheduler_runs_the_celery_beat_schedule():
    scheduler = scheduler_from_settings(now=at(7, 0), in_threads=False)

    assert [entry.name for entry in scheduler.entries] == list(settings.CELERY_BEAT_SCHEDULE)
    assert all(entry.task in current_app.tasks for entry in scheduler.entries)


def test_run_schedule_leaves_the_schedule_to_beat_when_a_broker_is_configured(settings, capsys):
    settings.CELERY_TASK_ALWAYS_EAGER = False

    call_command("run_schedule")

    assert "make beat" in capsys.readouterr().out


def test_run_schedule_starts_and_stops_cleanly_on_ctrl_c(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "CACHE_URL", "CELERY_TASK_ALWAYS_EAGER"}}
    env.update(DJANGO_DEBUG="true", PORTAL_VAR_DIR=str(tmp_path), LANGUAGE="en", PYTHONUNBUFFERED="1")
    process = subprocess.Popen(
        [sys.executable, "manage.py", "run_schedule"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        # Started from a shell without job control, Ctrl-C would be ignored: reset it.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert "Ctrl-C" in first, first
        process.send_signal(signal.SIGINT)
        out, _ = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, out
    assert "Traceback" not in out
    assert set(ScheduleState(tmp_path / "schedule-state.json").load()) == set(settings.CELERY_BEAT_SCHEDULE)
