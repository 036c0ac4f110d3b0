"""Who hears that a zero-employment household has ended (stations/households.py)."""

import datetime as dt

from stations import households


def test_every_registered_listener_hears_of_the_end_once(monkeypatch):
    monkeypatch.setattr(households, "_ENDED", [])
    heard = []
    households.register_ended_listener(heard.append)
    households.register_ended_listener(heard.append)  # registering twice is once
    event = households.ZeroEmploymentEnded(
        household_id=1, on=dt.date(2026, 3, 1), reason=households.ENDED_MEMBER_IN_WORK
    )
    households.zero_employment_ended(event)
    assert heard == [event]


def test_the_nightly_tasks_run_with_the_day(monkeypatch):
    monkeypatch.setattr(households, "_NIGHTLY", [])
    days = []
    households.register_nightly(lambda *, on: days.append(on))
    households.nightly(on=dt.date(2026, 3, 1))
    assert days == [dt.date(2026, 3, 1)]
