"""Report figures read from a replica of the database, when one is configured.

A report's figures are grouped reads over every app's records for a whole
node; on a province's database they are the heaviest queries the portal runs,
and a replica a few seconds behind the primary answers them as well. So the
figure reads of a report run inside `reading_for_reports()` (the assembly in
reports.assemble enters it) and go to the `reports` alias; every other read
and every write stays on default, so a user always reads what was just saved.

Without `REPORTS_DATABASE_URL` there is no `reports` alias and everything goes
to default.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS

REPLICA = "reports"

# Rows of the report layer itself, written while a report is built or read to
# freeze its figures: a copy that lags would show a workbook still queued, or a
# month just closed with its live figures instead of the ones it was closed with.
PRIMARY_ONLY = frozenset({"reports.reportrequest", "reports.periodclose"})

# A context variable rather than a thread-local, so it holds per asyncio task too.
_reading_for_reports: ContextVar[bool] = ContextVar("reading_for_reports", default=False)


@contextmanager
def reading_for_reports() -> Iterator[None]:
    """Reads inside may come from the replica and so may lag the primary by
    its replication delay. Use it only around reads whose results are not
    written back; writes inside still go to default."""
    token = _reading_for_reports.set(True)
    try:
        yield
    finally:
        _reading_for_reports.reset(token)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


class ReportReplicaRouter:
    """https://docs.djangoproject.com/en/5.2/topics/db/multi-db/#database-routers"""

    def db_for_read(self, model, **hints):
        if _reading_for_reports.get() and model._meta.label_lower not in PRIMARY_ONLY and replica_configured():
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        # Also for an instance that was read from the replica: it is saved to
        # the primary, which holds the same row.
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the same rows, so an object read from it may be
        # related to one read from default.
        if {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA}:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica copies the primary's schema; migrating it would fail
        # (read-only) or make it diverge.
        if db == REPLICA:
            return False
        return None
