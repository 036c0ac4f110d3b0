"""Closed months stay closed.

A community closes a month (reports.PeriodClose): its figures are kept as
they stood. From then on a write that would change any dated figure of that
month is refused with `ClosedMonthError`, whatever the entry path (a staff
page, the API, an import, a task), or it becomes a correction request that
the street officer approves (reports.corrections); an approved correction is
applied through the same operation and listed on the workbook's corrections
sheet.

"Closed" means a `PeriodClose` row exists for the community and month,
submitted or reviewed alike: the figures are frozen at submission, and the
street's review locks nothing more.

How a write operation takes part, in its service:

    @closed_months.guard(label=gettext_lazy("Record a service"))
    @transaction.atomic
    def service_record_create(*, actor, resident, served_on, ...):
        ...checks...
        closed_months.touch(communities=[resident.community_id], dates=[served_on])
        ...writes...

`touch` names the communities whose figures the write may change and every
date it sets or clears (old and new values), before the first write. Each
closed month of those communities that ends on or after the earliest date is
measured then, and again when the outermost guarded call returns (still inside
its transaction); if a dated figure differs, the whole call is rolled back and
ClosedMonthError is raised. So the rule is the figures themselves: a new
figure in any app is protected without a list of fields to keep in step, and
an edit that changes no figure (a note, a phone number) goes through. Writes
dated in the open month cost nothing: no closed month can end after them.

Figures marked `as_built` (a station's status, a resident's target groups)
read records as they stand, not dated events: they are not compared, and a
closed month keeps their value at closing.

The refused call is captured (its operation and arguments, model instances
as keys plus the fields the caller changed) and kept for a day under a random
key (a `RefusedChange` row: in the database, not the cache, so a link given
out is honoured whether or not the cache is up), so the user can send exactly that change for approval; `replay` runs it
again, as a dry run when the request is made and for real when it is
approved.

Stations imports none of the other apps: the report layer registers where
closes are kept and where a correction is asked for (`register_backend`).
"""

from .backend import Backend, register_backend
from .changes import ClosedMonthError, MonthChange, describe_figures, figure_labels
from .measuring import closed_through, guarded, latest_closed, touch
from .operations import Operation, guard, operation, replay
from .tokens import TOKEN_MAX_AGE, expired_refusals_purge, forget_correction_token, read_correction_token

__all__ = [
    "TOKEN_MAX_AGE",
    "Backend",
    "ClosedMonthError",
    "MonthChange",
    "Operation",
    "closed_through",
    "describe_figures",
    "expired_refusals_purge",
    "figure_labels",
    "forget_correction_token",
    "guard",
    "guarded",
    "latest_closed",
    "operation",
    "read_correction_token",
    "register_backend",
    "replay",
    "touch",
]
