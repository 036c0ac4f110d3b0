"""Which role may do what in training. Scope (what each account sees) is
decided by stations.scoping; these rules say what a role may do inside it."""

from stations.models import Role
from stations.permissions import ALL_ROLES, STAFF_WHO_KEEP_RECORDS, register

register(
    {
        "training.view": ALL_ROLES,
        # The district bureau owns its catalogue, its providers and the classes it buys.
        "training.manage_catalogue": {Role.DISTRICT_BUREAU},
        "training.manage_provider": {Role.DISTRICT_BUREAU},
        "training.manage_class": {Role.DISTRICT_BUREAU},
        # Community and street staff know the residents: needs, enrolments, pushes, requests.
        "training.record_need": STAFF_WHO_KEEP_RECORDS,
        "training.enrol": STAFF_WHO_KEEP_RECORDS,
        "training.push_class": STAFF_WHO_KEEP_RECORDS,
        "training.handle_join_request": STAFF_WHO_KEEP_RECORDS,
        # Providers report attendance and results to the district as well.
        "training.record_result": STAFF_WHO_KEEP_RECORDS | {Role.DISTRICT_BUREAU},
    }
)
