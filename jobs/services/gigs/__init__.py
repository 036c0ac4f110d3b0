"""Writes of the day-labour corner (零工): post an odd job, offer it nearby,
take its places first come first served, check in and out, confirm pay.

Residents have no accounts: the services they reach take their offer's short
code (the link in the text message, /g/<code>) or the gig's QR token, never an
actor. Every text message goes through the approved-template gateway
(stations.services.messaging: consent, quiet hours, the daily cap), and one
that could only arrive after the job has started is withheld, not sent late. Every
change of places locks the gig's row first, so two people accepting the last
place at once get one place and one waiting-list entry, never two places (and
the database refuses places_taken > places in any case).

One module per concern; the names pages call are importable from here.
Importing this package registers the closed-month operations named
`jobs.services.gigs.<function>` (the name corrections awaiting approval were
stored under).
"""

from .availability import availability_register, availability_register_own, availability_withdraw_own
from .employer_links import employer_gig_link_issue, employer_gig_link_revoke
from .offering import gig_offer_nearby
from .offers import (
    offer_accept,
    offer_accept_for,
    offer_cancel,
    offer_check_in_out,
    offer_confirm_pay,
    offer_rate_job,
    offer_rate_worker,
    offer_record_check,
    offer_record_flexible_employment,
    offer_report_unpaid,
    offer_suggests_flexible_employment,
)
from .posting import gig_post, gig_post_by_employer_link, gig_post_for_household, gig_step

__all__ = [
    "availability_register",
    "availability_register_own",
    "availability_withdraw_own",
    "employer_gig_link_issue",
    "employer_gig_link_revoke",
    "gig_offer_nearby",
    "gig_post",
    "gig_post_by_employer_link",
    "gig_post_for_household",
    "gig_step",
    "offer_accept",
    "offer_accept_for",
    "offer_cancel",
    "offer_check_in_out",
    "offer_confirm_pay",
    "offer_rate_job",
    "offer_rate_worker",
    "offer_record_check",
    "offer_record_flexible_employment",
    "offer_report_unpaid",
    "offer_suggests_flexible_employment",
]
