"""Date inputs in the default language (zh-hans) carry ISO values, which is
all an <input type="date"> accepts; otherwise prefilled dates show blank and
are submitted empty."""

import datetime as dt

from django import forms
from django.utils import formats, translation


class _Form(forms.Form):
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))


def test_a_prefilled_date_input_renders_iso_in_chinese():
    with translation.override("zh-hans"):
        html = str(_Form(initial={"day": dt.date(2026, 11, 26)})["day"])
    assert 'value="2026-11-26"' in html


def test_dates_typed_the_chinese_way_are_still_accepted():
    with translation.override("zh-hans"):
        for typed in ("2026-11-26", "2026/11/26", "2026年11月26日"):
            form = _Form(data={"day": typed})
            assert form.is_valid(), (typed, form.errors)
            assert form.cleaned_data["day"] == dt.date(2026, 11, 26)


def test_dates_are_still_shown_the_chinese_way():
    with translation.override("zh-hans"):
        assert formats.date_format(dt.date(2026, 11, 26)) == "2026年11月26日"
