"""Technical rows of the resident's page that the nightly housekeeping purges
(stations.services.housekeeping finds this module by its name)."""

from self_service.services import expired_sign_in_codes_purge

PURGES = {"sign_in_codes": expired_sign_in_codes_purge}
