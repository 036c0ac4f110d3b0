from stations.models import Role
from stations.permissions import ALL_ROLES, BUREAUS, STAFF_WHO_KEEP_RECORDS, register

register(
    {
        "partnerships.view": ALL_ROLES,
        # Partners, meetings and commitments are the community's own work (T9).
        "partnerships.manage_network": STAFF_WHO_KEEP_RECORDS,
        # Cooperatives, their members, projects and placements (T10).
        "partnerships.manage_cooperatives": STAFF_WHO_KEEP_RECORDS,
        # Communities put examples forward; the city bureau approves and publishes.
        "partnerships.propose_example": STAFF_WHO_KEEP_RECORDS | BUREAUS,
        "partnerships.publish_example": {Role.CITY_BUREAU},
        # Courses for staff are organised by the district and the city.
        "partnerships.manage_staff_training": BUREAUS,
        # Reading the training records of the staff in one's area: the street
        # follows up its communities' staff, though it organises no courses.
        "partnerships.view_staff_training": {Role.STREET_OFFICER} | BUREAUS,
        # The district allocates and decides adjustments; the community spends.
        "partnerships.allocate_funds": {Role.DISTRICT_BUREAU},
        "partnerships.spend_funds": {Role.COMMUNITY_STAFF},
    }
)
