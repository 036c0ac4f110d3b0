"""Who else needs to know when a zero-employment household (零就业家庭) ends.

The registry derives and stores the flag
(`stations.services.residents.household_zero_employment_refresh`). Feature
apps that keep their own records of such households (the assistance ledger's
household cases) register here from their AppConfig.ready(), as dashboard
panels and seeders do; stations imports none of them. Listeners run inside
the registry's transaction, so a household that stops being zero-employment
and the records that follow from it change together or not at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

# Why a household stopped being zero-employment.
ENDED_MEMBER_IN_WORK = "member_in_work"
ENDED_NO_WORKING_AGE_MEMBER = "no_working_age_member"


@dataclass(frozen=True)
class ZeroEmploymentEnded:
    household_id: int
    on: dt.date
    reason: str  # ENDED_*
    member_id: int | None = None  # the member in work, when that is the reason


_ENDED: list[Callable[[ZeroEmploymentEnded], None]] = []
_NIGHTLY: list[Callable[..., object]] = []


def register_ended_listener(listener: Callable[[ZeroEmploymentEnded], None]) -> None:
    """`listener(event)` is called when a household stops being zero-employment."""
    if listener not in _ENDED:
        _ENDED.append(listener)


def register_nightly(task: Callable[..., object]) -> None:
    """`task(on=date)` runs after the nightly refresh of every household: the
    place to catch records the day's events missed (data already wrong)."""
    if task not in _NIGHTLY:
        _NIGHTLY.append(task)


def zero_employment_ended(event: ZeroEmploymentEnded) -> None:
    for listener in _ENDED:
        listener(event)


def nightly(*, on: dt.date) -> None:
    for task in _NIGHTLY:
        task(on=on)
