"""Forms of merging two records of one person, and undoing a merge."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from stations.models import Resident


class MergeForm(forms.Form):
    """Which of a pair of records to keep (the other is merged into it)."""

    keep = forms.TypedChoiceField(label=_("Record to keep"), coerce=int, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Note"),
        max_length=300,
        required=False,
        help_text=_("Why these records are one person, if it is not obvious (kept in the audit log)."),
        widget=forms.TextInput(attrs={"size": 60}),
    )

    def __init__(self, *args, pair, **kwargs):
        super().__init__(*args, **kwargs)
        self.pair = pair
        self.fields["keep"].choices = [(r.pk, f"#{r.pk}") for r in (pair.first, pair.second)]

    def kept_and_duplicate(self) -> tuple[Resident, Resident]:
        first, second = self.pair.first, self.pair.second
        return (first, second) if self.cleaned_data["keep"] == first.pk else (second, first)


class MergeUndoForm(forms.Form):
    note = forms.CharField(label=_("Reason for the undo"), max_length=300)
