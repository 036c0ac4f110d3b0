from .businesses import Business, BusinessKind, IncubationSpace, SpaceKind, SpaceOccupancy
from .catalogue import EventKind, StartupEvent, StartupProject, StartupStar
from .loans import LOAN_LIMITS, BorrowerKind, GuaranteeLoan, LoanStatus, RepaymentStatus
from .subsidies import (
    BUSINESS_KINDS,
    LIVE_STATUSES,
    TRANSITIONS,
    ApplicationEvent,
    ApplicationStatus,
    RejectionReason,
    SubsidyApplication,
    SubsidyKind,
    Transition,
)

__all__ = [
    "BUSINESS_KINDS",
    "LIVE_STATUSES",
    "LOAN_LIMITS",
    "TRANSITIONS",
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
