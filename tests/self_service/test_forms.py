"""The resident's forms: what they accept as typed."""

from self_service.forms import CodeForm, MobileForm


def test_a_code_typed_with_spaces_is_read_as_six_digits():
    form = CodeForm(data={"code": "123 456"})

    assert form.is_valid() and form.cleaned_data["code"] == "123456"


def test_a_code_of_five_digits_is_refused():
    assert not CodeForm(data={"code": "12345"}).is_valid()


def test_a_mobile_number_typed_in_full_width_digits_is_normalised():
    form = MobileForm(data={"mobile": "１３９１２３４５６７８"})

    assert form.is_valid() and form.cleaned_data["mobile"] == "13912345678"
