"""Where closes are kept and corrections asked for: the report layer registers it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Backend:
    # (community ids, earliest date, lock=) -> [(community_id, first day of a
    # closed month)] for months ending on or after the date; with lock=True it
    # locks what it reads, so a close being submitted waits for the write (and
    # the other way round).
    closed_months: Callable[..., list[tuple[int, dt.date]]]
    # the key a refused change waits under -> the page where it is sent for approval
    correction_url: Callable[[str], str] | None = None


_BACKEND: Backend | None = None


def register_backend(backend: Backend) -> None:
    global _BACKEND
    _BACKEND = backend


def registered() -> Backend | None:
    """The registered backend (None: no app keeps closes, nothing is refused)."""
    return _BACKEND
