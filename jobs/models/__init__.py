from .employers import Employer, EmployerSize, LabourSurvey, LegalForm
from .fairs import FairKind, FairSignUp, JobFair
from .postings import OccupationCategory, Posting, PostingSource, PostingStatus
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
    "TRANSITIONS",
    "Employer",
    "EmployerSize",
    "FairKind",
    "FairSignUp",
    "JobAlert",
    "JobAlertMatch",
    "JobFair",
    "LabourSurvey",
    "LegalForm",
    "OccupationCategory",
    "Placement",
    "Posting",
    "PostingSource",
    "PostingStatus",
    "Recommendation",
    "RecommendationState",
    "RecommendationTransition",
    "RejectionReason",
    "Transition",
]
