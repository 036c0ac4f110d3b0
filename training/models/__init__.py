"""Training (T11–T13): providers, the district catalogue, classes, the needs
list, enrolments and residents' public requests to join a class.

Scope: a catalogue and a provider belong to a district (bureau level, so
street and community accounts see them only where published); a class sits in
the community of its place; needs and enrolments sit in the resident's
community; a join request in the community the resident named.

Employment after training is never typed here: selectors read it from the
resident's employment history (stations.models.EmploymentStatusChange).

One module per concern; import from `training.models`.
"""

from training.models.catalogue import (
    DISTRICT_LEVEL,
    Audience,
    Catalogue,
    CatalogueStatus,
    Course,
    Programme,
    Provider,
    ScheduleType,
)
from training.models.classes import (
    PUBLIC_CLASS_STATUSES,
    SEAT_HOLDING,
    ClassStatus,
    Enrolment,
    EnrolmentStatus,
    TrainingClass,
    add_months,
)
from training.models.needs import (
    JoinRequest,
    JoinRequestStatus,
    TrainingNeed,
)

__all__ = [
    "Audience",
    "Catalogue",
    "CatalogueStatus",
    "ClassStatus",
    "Course",
    "DISTRICT_LEVEL",
    "Enrolment",
    "EnrolmentStatus",
    "JoinRequest",
    "JoinRequestStatus",
    "PUBLIC_CLASS_STATUSES",
    "Programme",
    "Provider",
    "SEAT_HOLDING",
    "ScheduleType",
    "TrainingClass",
    "TrainingNeed",
    "add_months",
]
