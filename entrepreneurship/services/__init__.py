"""Write operations for startups, subsidies, loans and spaces.

Money is involved: amounts are Decimal yuan, every step is recorded with who
and when, and each decision locks its application row so two reviewers
clicking at once cannot decide or pay it twice.

One module per concern: businesses, subsidies, loans, spaces and catalogue
(the public startup catalogue); what other modules import is re-exported here.
"""

from entrepreneurship.services.businesses import business_register
from entrepreneurship.services.catalogue import catalogue_item_save, catalogue_item_step
from entrepreneurship.services.loans import guarantee_loan_record
from entrepreneurship.services.spaces import incubation_space_save, space_occupancy_record
from entrepreneurship.services.subsidies import (
    subsidy_application_create,
    subsidy_application_transition,
    subsidy_reviewers_remind,
)

__all__ = [
    "business_register",
    "catalogue_item_save",
    "catalogue_item_step",
    "guarantee_loan_record",
    "incubation_space_save",
    "space_occupancy_record",
    "subsidy_application_create",
    "subsidy_application_transition",
    "subsidy_reviewers_remind",
]
