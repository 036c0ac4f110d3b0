import datetime as dt

from django import forms
from django.utils import translation

from stations.forms.widgets import DateInput


class _Form(forms.Form):
    day = forms.DateField(widget=DateInput(attrs={"autofocus": True}))


def test_date_input_writes_iso_dates_the_browser_picker_accepts_in_every_language():
    for language in ("zh-hans", "en"):
        with translation.override(language):
            html = str(_Form(initial={"day": dt.date(2026, 3, 5)})["day"])
        assert 'type="date"' in html
        assert 'value="2026-03-05"' in html
        assert "autofocus" in html
