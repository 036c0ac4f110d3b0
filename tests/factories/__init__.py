from .region import CommunityFactory, CommunityHeadcountFactory, DistrictFactory, StreetFactory
from .residents import ResidentFactory, ServiceRecordFactory, valid_id_number
from .stations import RelatedSiteFactory, StationFactory
from .users import UserFactory

__all__ = [
    "CommunityFactory",
    "CommunityHeadcountFactory",
    "DistrictFactory",
    "RelatedSiteFactory",
    "ResidentFactory",
    "ServiceRecordFactory",
    "StationFactory",
    "StreetFactory",
    "UserFactory",
    "valid_id_number",
]
