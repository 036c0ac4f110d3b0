"""The odd-job services as a package (jobs/services/gigs/)."""

import pytest

from jobs.services import gigs
from stations import closed_months

GUARDED = (
    "gig_post",
    "gig_post_for_household",
    "gig_post_by_employer_link",
    "gig_step",
    "offer_accept",
    "offer_cancel",
    "offer_confirm_pay",
    "offer_report_unpaid",
)


@pytest.mark.parametrize("name", GUARDED)
def test_a_guarded_service_keeps_the_operation_name_stored_corrections_replay_by(name):
    op = closed_months.operation(f"jobs.services.gigs.{name}")

    assert op is not None and op.run is getattr(gigs, name)
