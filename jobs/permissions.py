"""What each role may do in the job market; what it may see is its scope."""

from stations.models import Role
from stations.permissions import ALL_ROLES, STAFF_WHO_KEEP_RECORDS, register

register(
    {
        "jobs.view": ALL_ROLES,
        "jobs.manage_employer": STAFF_WHO_KEEP_RECORDS,
        "jobs.import_employers": STAFF_WHO_KEEP_RECORDS,
        "jobs.export": ALL_ROLES,
        "jobs.manage_posting": STAFF_WHO_KEEP_RECORDS,
        "jobs.review_posting": STAFF_WHO_KEEP_RECORDS,
        "jobs.manage_fair": STAFF_WHO_KEEP_RECORDS | {Role.DISTRICT_BUREAU},
        "jobs.view_signups": ALL_ROLES,
        "jobs.recommend": STAFF_WHO_KEEP_RECORDS,
        "jobs.manage_alert": STAFF_WHO_KEEP_RECORDS,
    }
)
