"""stations.forms.errors: a service's ValidationError put on a form, so what
was typed stays on the page."""

from django import forms
from django.core.exceptions import ValidationError

from stations.forms.errors import add_service_errors, error_messages


class _Form(forms.Form):
    name = forms.CharField()
    resident_query = forms.CharField(required=False)


def _bound():
    form = _Form(data={"name": "张三", "resident_query": "1234"})
    assert form.is_valid()
    return form


def test_field_errors_go_beside_their_fields_and_the_rest_at_the_top():
    form = _bound()
    add_service_errors(form, ValidationError({"name": "Taken.", "community": "Out of your area."}))
    assert form.errors["name"] == ["Taken."]
    assert form.non_field_errors() == ["Out of your area."]


def test_a_service_field_the_form_calls_otherwise_is_put_on_the_forms_field():
    form = _bound()
    add_service_errors(form, ValidationError({"resident": "Not found."}), fields={"resident": "resident_query"})
    assert form.errors["resident_query"] == ["Not found."]


def test_error_messages_lists_a_plain_errors_messages():
    assert error_messages(ValidationError(["One.", "Two."])) == ["One.", "Two."]
