"""Who may do what with residents' requests from their own page."""

from stations.permissions import ALL_ROLES, STAFF_WHO_KEEP_RECORDS, register

register(
    {
        "self_service.view_requests": ALL_ROLES,
        # Confirming applies the change through resident_update, which needs
        # stations.manage_resident: the same roles.
        "self_service.decide_requests": STAFF_WHO_KEEP_RECORDS,
    }
)
