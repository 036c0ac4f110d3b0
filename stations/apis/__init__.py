"""API routes of the base app (config/api_urls.py mounts every app's
`apis.routes`); the shared API parts (permissions, fields, errors, schema,
pagination) live beside them in this package."""

from .region import CommunityViewSet, DistrictViewSet, StationViewSet, StreetViewSet
from .residents import ResidentViewSet
from .service_items import ServiceItemViewSet

routes = [
    ("districts", DistrictViewSet, "district"),
    ("streets", StreetViewSet, "street"),
    ("communities", CommunityViewSet, "community"),
    ("stations", StationViewSet, "station"),
    # The public services, for the province's 爱山东 platform (anyone may read).
    ("service-items", ServiceItemViewSet, "service-item"),
    # The resident registry (staff only, never public).
    ("residents", ResidentViewSet, "resident"),
]
