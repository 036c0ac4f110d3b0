from .cooperatives import (
    CooperativeMember,
    LabourOrganisation,
    LabourProject,
    OrganisationKind,
    ProjectKind,
    ProjectPlacement,
)
from .examples import ExampleKind, ExamplePhoto, ExampleStatus, TypicalExample
from .funds import AdjustmentStatus, FundAdjustment, FundAllocation, FundSpending, SpendingCategory
from .network import Commitment, CommitmentKind, CommitmentStatus, JointMeeting, Partner, PartnerKind
from .staff_training import StaffTrainingAttendance, StaffTrainingKind, StaffTrainingSession

__all__ = [
    "AdjustmentStatus",
    "Commitment",
    "CommitmentKind",
    "CommitmentStatus",
    "CooperativeMember",
    "ExampleKind",
    "ExamplePhoto",
    "ExampleStatus",
    "FundAdjustment",
    "FundAllocation",
    "FundSpending",
    "JointMeeting",
    "LabourOrganisation",
    "LabourProject",
    "OrganisationKind",
    "Partner",
    "PartnerKind",
    "ProjectKind",
    "ProjectPlacement",
    "SpendingCategory",
    "StaffTrainingAttendance",
    "StaffTrainingKind",
    "StaffTrainingSession",
    "TypicalExample",
]
