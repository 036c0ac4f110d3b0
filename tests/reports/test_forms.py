"""The report forms."""

from django.utils import translation

from reports.forms import ReportRequestForm, SatisfactionForm


def test_an_area_outside_the_users_choices_is_refused_in_the_services_words():
    form = ReportRequestForm(data={"node": "city", "period": "2026-10"}, node_choices=[("370402", "市中区")])

    with translation.override("en"):
        assert not form.is_valid()
        assert form.errors["node"] == ["You can only build reports for your own area."]


def test_a_rating_is_read_as_a_number():
    form = SatisfactionForm(data={"rating": "4", "answer": "7", "challenge": "x"})

    assert form.is_valid() and form.cleaned_data["rating"] == 4
