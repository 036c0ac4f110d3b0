from .employers import Employer, EmployerSize, LabourSurvey, LegalForm
from .fairs import FairKind, FairSignUp, JobFair
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
