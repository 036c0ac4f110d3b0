"""Write operations of the hardship ledger. Views, forms, the API and tasks
call these; each checks the role rule and scope, validates, runs in one
transaction and writes the audit trail.

Services given to a resident are never stored here: `case_service_record`
writes to the one service log through stations.services.service_record_create,
and closing a case for work changes employment status only through
stations.services.resident_employment_status_change.

One module per concern: cases (a person's case), households
(zero-employment households), help (help requests from the public page).
"""

from assistance.services.cases import (
    APPOINTMENT_REMINDER_HOUR,
    SERVICE_KINDS_FROM_CASE,
    case_appointment_remind,
    case_close,
    case_open,
    case_reassign,
    case_service_record,
)
from assistance.services.households import (
    household_case_close,
    household_case_close_for_registry,
    household_case_close_on_registry_event,
    household_case_open,
    household_cases_close_ended,
    household_service_record,
)

__all__ = [
    "APPOINTMENT_REMINDER_HOUR",
    "SERVICE_KINDS_FROM_CASE",
    "case_appointment_remind",
    "case_close",
    "case_open",
    "case_reassign",
    "case_service_record",
    "household_case_close",
    "household_case_close_for_registry",
    "household_case_close_on_registry_event",
    "household_case_open",
    "household_cases_close_ended",
    "household_service_record",
]
