"""Forms of the resident registry, one module per concern: the record and
its search (`records`), the record page's actions (`actions`), transfers
(`transfers`) and merges (`merges`). The names are importable from here."""

from stations.forms.residents.actions import (
    HouseholdJoinForm,
    RemovalForm,
    ServiceRecordForm,
    StatusChangeForm,
    TextConsentForm,
)
from stations.forms.residents.merges import MergeForm, MergeUndoForm
from stations.forms.residents.records import (
    FIELDSETS,
    RESIDENT_FORM_FIELDS,
    STATUS_EXTRA_FIELDS,
    CommunityChoiceField,
    ResidentForm,
    ResidentSearchForm,
    resident_form_initial,
)
from stations.forms.residents.transfers import TransferDecisionForm, TransferRequestForm
from stations.selectors import DuplicateFound, resident_duplicate_check

__all__ = [
    "FIELDSETS",
    "RESIDENT_FORM_FIELDS",
    "STATUS_EXTRA_FIELDS",
    "CommunityChoiceField",
    "DuplicateFound",
    "HouseholdJoinForm",
    "MergeForm",
    "MergeUndoForm",
    "RemovalForm",
    "ResidentForm",
    "ResidentSearchForm",
    "ServiceRecordForm",
    "StatusChangeForm",
    "TextConsentForm",
    "TransferDecisionForm",
    "TransferRequestForm",
    "resident_duplicate_check",
    "resident_form_initial",
]
