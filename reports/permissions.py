from stations.models import Role
from stations.permissions import ALL_ROLES, register

register(
    {
        "reports.view": ALL_ROLES,
        "reports.build": ALL_ROLES,
        "reports.view_dashboard": ALL_ROLES,
        "reports.close_period": {Role.COMMUNITY_STAFF},
        "reports.review_period": {Role.STREET_OFFICER},
        # A change to a closed month is asked for by whoever was refused it; the
        # street decides, the district where it reaches beyond one street.
        "reports.decide_correction": {Role.STREET_OFFICER, Role.DISTRICT_BUREAU},
    }
)
