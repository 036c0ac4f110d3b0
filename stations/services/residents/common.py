"""What the resident operations share: the working-age parameters, the
fields a record takes, and the scope check on a resident."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy

from stations.models import (
    REGISTRATION_FIELDS,
    SKILL_AND_WISH_FIELDS,
    Resident,
    User,
)
from stations.policy import declare
from stations.validators import mask_mobile, mask_resident_id

RETIREMENT_AGE_MALE = "residents.retirement_age_male"
RETIREMENT_AGE_FEMALE = "residents.retirement_age_female"
WORKING_AGE_FROM = 16

declare(
    RETIREMENT_AGE_MALE,
    default=60,
    label=gettext_lazy("Retirement age, men (working age ends)"),
    help_text=gettext_lazy("Working age runs from 16 up to this age; used for the zero-employment household."),
    unit=gettext_lazy("years"),
)
declare(
    RETIREMENT_AGE_FEMALE,
    default=50,
    label=gettext_lazy("Retirement age, women (working age ends)"),
    help_text=gettext_lazy("Working age runs from 16 up to this age; used for the zero-employment household."),
    unit=gettext_lazy("years"),
)

# Fields a registry form or an import row may set; the same names as the model.
RESIDENT_DATA_FIELDS = (
    "name",
    "id_number",
    "mobile",
    *REGISTRATION_FIELDS,
    *SKILL_AND_WISH_FIELDS,
)
# Personal identifiers are written to the audit trail masked: the trail says
# that they changed without becoming a second copy of them.
MASKED_IN_AUDIT = {"id_number": mask_resident_id, "mobile": mask_mobile}


def require_resident_in_scope(actor: User, resident: Resident) -> None:
    if not Resident.objects.visible_to(actor).filter(pk=resident.pk).exists():
        raise PermissionDenied("resident out of scope")
