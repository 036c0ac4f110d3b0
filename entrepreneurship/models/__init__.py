from ..subsidy_kinds import BUSINESS_KINDS, PER_PERSON_KINDS, SubsidyKind
from .businesses import Business, BusinessKind, IncubationSpace, SpaceKind, SpaceOccupancy
from .catalogue import (
    EDITABLE_STATES,
    STEPS_NEEDING_A_REASON,
    CatalogueState,
    CatalogueStep,
    EventKind,
    StartupEvent,
    StartupProject,
    StartupStar,
)
from .loans import LOAN_LIMITS, BorrowerKind, GuaranteeLoan, LoanStatus, RepaymentStatus
from .subsidies import (
    LIVE_STATUSES,
    SUBSIDY_WORKFLOW,
    ApplicationEvent,
    ApplicationStatus,
    RejectionReason,
    SubsidyApplication,
    Transition,
)

__all__ = [
    "EDITABLE_STATES",
    "STEPS_NEEDING_A_REASON",
    "CatalogueState",
    "CatalogueStep",
    "BUSINESS_KINDS",
    "LIVE_STATUSES",
    "LOAN_LIMITS",
    "PER_PERSON_KINDS",
    "SUBSIDY_WORKFLOW",
    "ApplicationEvent",
    "ApplicationStatus",
    "BorrowerKind",
    "Business",
    "BusinessKind",
    "EventKind",
    "GuaranteeLoan",
    "IncubationSpace",
    "LoanStatus",
    "RejectionReason",
    "RepaymentStatus",
    "SpaceKind",
    "SpaceOccupancy",
    "StartupEvent",
    "StartupProject",
    "StartupStar",
    "SubsidyApplication",
    "SubsidyKind",
    "Transition",
]
