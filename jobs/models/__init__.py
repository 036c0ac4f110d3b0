from .employers import Employer, EmployerSize, LabourSurvey, LegalForm
from .fairs import FairKind, FairSignUp, JobFair
from .gigs import HOLDS_PLACE, Gig, GigAvailability, GigKind, GigOffer, GigPayUnit, GigRisk, GigStatus, OfferState
from .imports import EmployerImportBatch
from .postings import MONTHLY_FACTOR, OccupationCategory, PayUnit, Posting, PostingSource, PostingStatus, monthly_pay
from .recommendations import (
    TRANSITIONS,
    JobAlert,
    JobAlertMatch,
    Placement,
    Recommendation,
    RecommendationState,
    RecommendationTransition,
    RejectionReason,
    Transition,
)

__all__ = [
    "HOLDS_PLACE",
    "Gig",
    "GigAvailability",
    "GigKind",
    "GigOffer",
    "GigPayUnit",
    "GigRisk",
    "GigStatus",
    "OfferState",
    "MONTHLY_FACTOR",
    "TRANSITIONS",
    "Employer",
    "EmployerImportBatch",
    "EmployerSize",
    "FairKind",
    "FairSignUp",
    "JobAlert",
    "JobAlertMatch",
    "JobFair",
    "LabourSurvey",
    "LegalForm",
    "OccupationCategory",
    "PayUnit",
    "Placement",
    "Posting",
    "PostingSource",
    "PostingStatus",
    "Recommendation",
    "RecommendationState",
    "RecommendationTransition",
    "RejectionReason",
    "Transition",
    "monthly_pay",
]
