from .accounts import Role, User
from .audit import AuditAction, AuditEntry
from .background import HandoffState, Heartbeat, TaskHandoff
from .employment import EmploymentStatusChange, UnemploymentRegistration
from .households import Household
from .imports import ImportBatch, ImportStatus, ResidentImportBatch
from .merges import MergeGrounds, ResidentMerge
from .messaging import OutboxTextMessage, TextMessage, TextMessageStatus
from .notifications import DeliveryStatus, Notification
from .policy import PolicyParameterValue
from .region import Community, CommunityHeadcount, CommunityKind, District, Street
from .residents import (
    EDUCATION_RANK,
    IN_WORK_STATUSES,
    REGISTRATION_FIELDS,
    SKILL_AND_WISH_FIELDS,
    SKILL_RANK,
    Education,
    EmploymentStatus,
    RemovalReason,
    Resident,
    Sex,
    SkillLevel,
    TextConsent,
    WorkPattern,
)
from .service_records import ServiceChannel, ServiceKind, ServiceRecord
from .stations import (
    JOB_SITE_KINDS,
    STATION_DETAIL_FIELDS,
    OperatorKind,
    RelatedSite,
    ServiceCode,
    SiteKind,
    Station,
    StationService,
    StationStatus,
)
from .target_groups import SENSITIVE_GROUPS, TargetGroup, TargetGroupCode
from .transfers import ResidentTransferRequest, TransferStatus
from .transient import RateLimitCounter, RefusedChange

__all__ = [
    "EDUCATION_RANK",
    "IN_WORK_STATUSES",
    "SENSITIVE_GROUPS",
    "REGISTRATION_FIELDS",
    "SKILL_AND_WISH_FIELDS",
    "SKILL_RANK",
    "AuditAction",
    "AuditEntry",
    "Community",
    "CommunityHeadcount",
    "CommunityKind",
    "DeliveryStatus",
    "District",
    "Education",
    "EmploymentStatus",
    "EmploymentStatusChange",
    "HandoffState",
    "Heartbeat",
    "Household",
    "ImportBatch",
    "ImportStatus",
    "MergeGrounds",
    "Notification",
    "OperatorKind",
    "OutboxTextMessage",
    "PolicyParameterValue",
    "RateLimitCounter",
    "RefusedChange",
    "RelatedSite",
    "RemovalReason",
    "Resident",
    "ResidentTransferRequest",
    "ResidentImportBatch",
    "ResidentMerge",
    "Role",
    "ServiceChannel",
    "ServiceCode",
    "ServiceKind",
    "ServiceRecord",
    "Sex",
    "SiteKind",
    "JOB_SITE_KINDS",
    "STATION_DETAIL_FIELDS",
    "SkillLevel",
    "Station",
    "StationService",
    "StationStatus",
    "Street",
    "TargetGroup",
    "TaskHandoff",
    "TargetGroupCode",
    "TextConsent",
    "TextMessage",
    "TextMessageStatus",
    "TransferStatus",
    "UnemploymentRegistration",
    "User",
    "WorkPattern",
]
