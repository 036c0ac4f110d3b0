from stations.models import Role
from stations.permissions import ALL_ROLES, BUREAUS, STAFF_WHO_KEEP_RECORDS, register

register(
    {
        "entrepreneurship.view": ALL_ROLES,
        "entrepreneurship.manage_business": STAFF_WHO_KEEP_RECORDS,
        "entrepreneurship.file_application": {Role.COMMUNITY_STAFF},
        "entrepreneurship.manage_loan": STAFF_WHO_KEEP_RECORDS | {Role.DISTRICT_BUREAU},
        "entrepreneurship.manage_space": ALL_ROLES,
        # The public catalogue: communities write and propose, bureaus publish
        # (the steps' own roles, entrepreneurship.models.catalogue).
        "entrepreneurship.view_catalogue": ALL_ROLES,
        "entrepreneurship.manage_catalogue": {Role.COMMUNITY_STAFF, *BUREAUS},
        "entrepreneurship.export_awards": ALL_ROLES,
        # Payments that broke the once-only rule, for recovery by the bureau.
        "entrepreneurship.view_breaches": BUREAUS,
    }
)
