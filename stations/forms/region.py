"""The bureaus' form for a street's population and community-worker figures."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stations.forms.widgets import DateInput

# Well above any community's population: a typo of extra digits is caught here.
MAX_POPULATION = 1_000_000


class StreetHeadcountForm(forms.Form):
    """One row per community of a street, two numbers each, one date and note
    for all: a bureau types a street's figures in one pass with Tab."""

    effective_from = forms.DateField(
        label=_("Effective from"),
        widget=DateInput(),
        help_text=_("The day the figures hold from, such as the census day. Not in the future."),
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=200,
        required=False,
        help_text=_("Where the figures come from, e.g. the 2026 population survey."),
    )

    def __init__(self, *args, communities, **kwargs):
        super().__init__(*args, **kwargs)
        self.communities = list(communities)
        self.fields["effective_from"].initial = timezone.localdate()
        for c in self.communities:
            self.fields[f"population_{c.pk}"] = forms.IntegerField(
                label=_("Urban permanent population"),
                min_value=0,
                max_value=MAX_POPULATION,
                initial=c.urban_population,
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "num"}),
            )
            self.fields[f"workers_{c.pk}"] = forms.IntegerField(
                label=_("Community workers"),
                min_value=0,
                max_value=MAX_POPULATION,
                initial=c.community_worker_count,
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "num"}),
            )

    def rows(self):
        """(community, population field, workers field) for the template."""
        return [(c, self[f"population_{c.pk}"], self[f"workers_{c.pk}"]) for c in self.communities]

    def figures(self) -> dict[int, tuple[int, int]]:
        data = self.cleaned_data
        return {c.pk: (data[f"population_{c.pk}"], data[f"workers_{c.pk}"]) for c in self.communities}
