from .region import CommunityFactory, DistrictFactory, StreetFactory
from .residents import ResidentFactory, ServiceRecordFactory, valid_id_number
from .stations import RelatedSiteFactory, StationFactory
from .users import UserFactory

__all__ = [
    "CommunityFactory",
    "DistrictFactory",
    "RelatedSiteFactory",
    "ResidentFactory",
    "ServiceRecordFactory",
    "StationFactory",
    "StreetFactory",
    "UserFactory",
    "valid_id_number",
]
