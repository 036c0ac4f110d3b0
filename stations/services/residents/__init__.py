"""Operations on resident records (居民登记), one module per concern.

Other capabilities call two of them: the service log (`service_record_create`)
and employment status changes (`resident_employment_status_change`): a hire in
jobs, a placement on a labour project, a training outcome all go through here.
The registry itself registers, updates, removes and transfers records, links
households and derives the zero-employment household (零就业家庭).

The names are importable from here. Importing this package registers the
closed-month operations named `stations.services.residents.<function>` (the
name corrections awaiting approval were stored under).
"""

from .common import (
    MASKED_IN_AUDIT,
    RESIDENT_DATA_FIELDS,
    RETIREMENT_AGE_FEMALE,
    RETIREMENT_AGE_MALE,
    WORKING_AGE_FROM,
    require_resident_in_scope,
)
from .households import (
    household_create,
    household_zero_employment_refresh,
    household_zero_employment_refresh_all,
    resident_household_join,
    resident_household_leave,
)
from .records import (
    resident_open_full_record,
    resident_register,
    resident_remove,
    resident_shared_id_refresh,
    resident_update,
)
from .service_log import (
    service_record_create,
)
from .status import (
    resident_employment_status_change,
)
from .transfers import (
    resident_transfer_request_accept,
    resident_transfer_request_create,
    resident_transfer_request_decline,
)

__all__ = [
    "MASKED_IN_AUDIT",
    "RESIDENT_DATA_FIELDS",
    "RETIREMENT_AGE_FEMALE",
    "RETIREMENT_AGE_MALE",
    "WORKING_AGE_FROM",
    "household_create",
    "household_zero_employment_refresh",
    "household_zero_employment_refresh_all",
    "require_resident_in_scope",
    "resident_employment_status_change",
    "resident_household_join",
    "resident_household_leave",
    "resident_open_full_record",
    "resident_register",
    "resident_remove",
    "resident_shared_id_refresh",
    "resident_transfer_request_accept",
    "resident_transfer_request_create",
    "resident_transfer_request_decline",
    "resident_update",
    "service_record_create",
]
