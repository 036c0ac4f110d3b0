import datetime as dt

from django import forms
from django.utils import translation

from stations.forms.widgets import DateInput, FastSelect


class _Form(forms.Form):
    place = forms.ChoiceField(
        choices=[("", "Any"), ("1", "东城 <北>"), ("Street", [("2", "A & B"), ("3", "C")])],
        required=False,
        widget=FastSelect,
    )


def _option_lines(html: str) -> list[str]:
    lines = (part.strip() for part in html.replace("><", ">\n<").splitlines())
    return [line for line in lines if line.startswith(("<option", "<optgroup", "</optgroup"))]


def test_fast_select_writes_the_same_options_as_django_select():
    fast = str(_Form({"place": "2"})["place"])
    plain = str(forms.Select(choices=_Form.base_fields["place"].choices).render("place", "2", {"id": "id_place"}))

    assert _option_lines(fast) == _option_lines(plain)


def test_fast_select_marks_the_chosen_value_and_escapes_labels():
    html = str(_Form({"place": "1"})["place"])

    assert '<option value="1" selected>东城 &lt;北&gt;</option>' in html
    assert '<optgroup label="Street">' in html
    assert 'name="place"' in html and 'id="id_place"' in html


class _DateForm(forms.Form):
    day = forms.DateField(widget=DateInput(attrs={"autofocus": True}))


def test_date_input_writes_iso_dates_the_browser_picker_accepts_in_every_language():
    for language in ("zh-hans", "en"):
        with translation.override(language):
            html = str(_DateForm(initial={"day": dt.date(2026, 3, 5)})["day"])
        assert 'type="date"' in html
        assert 'value="2026-03-05"' in html
        assert "autofocus" in html
