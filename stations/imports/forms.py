"""The registry's resident form, trimmed for ledger rows.

An import checks each row with `ResidentForm` so the messages match the
record page. Three things are done once per file instead of once per row
(three queries a row otherwise): the community is resolved from the code or
name beforehand, the target groups are looked up from one dictionary, and the
city-wide ID uniqueness check runs on all the file's ID numbers together.
"""

from __future__ import annotations

from stations.forms.residents import ResidentForm
from stations.models import Community
from stations.validators import normalize_resident_id


class ImportRowForm(ResidentForm):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("communities", Community.objects.none())
        super().__init__(*args, **kwargs)
        self.fields.pop("community", None)
        self.fields.pop("target_groups", None)

    def clean_id_number(self):
        return normalize_resident_id(self.cleaned_data["id_number"])

    def _get_validation_exclusions(self):
        # The ID number's city-wide uniqueness is checked for the whole file
        # at once (validation.build_context), not with a query per row.
        return {*super()._get_validation_exclusions(), "id_number"}

    def rebind(self, *, data: dict, instance) -> None:
        """Check another row with this form: the same fields, new data."""
        self.data = data
        self.instance = instance
        self.is_bound = True
        self._errors = None
        self._bound_fields_cache = {}
        self.duplicate = None
        self.__dict__.pop("cleaned_data", None)
