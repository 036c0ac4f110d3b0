"""Today's date for the ledger, movable for tests and demonstrations.

`settings.ASSISTANCE_TODAY` (a date or "YYYY-MM-DD") pins the clock; the
reminder command's `--today` option passes a date explicitly instead.
"""

import datetime as dt

from django.conf import settings
from django.utils import timezone


def today() -> dt.date:
    pinned = getattr(settings, "ASSISTANCE_TODAY", None)
    if pinned:
        return pinned if isinstance(pinned, dt.date) else dt.date.fromisoformat(str(pinned))
    return timezone.localdate()
