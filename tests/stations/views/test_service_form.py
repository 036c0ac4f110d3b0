"""The one form-to-service view: a refusal goes back onto the form with what
was typed; a success redirects with its message."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.test import RequestFactory

from stations.views.service_form import ServiceFormView


class NoteForm(forms.Form):
    title = forms.CharField()
    note = forms.CharField(required=False)


class NotePage(ServiceFormView):
    permission = "stations.view_dashboard"
    form_class = NoteForm
    template_name = "unused.html"
    success_message = "Saved."
    field_map = {"body": "note"}
    refusal = None

    def perform(self, form):
        if self.refusal is not None:
            raise self.refusal
        return "/done/"

    def render_to_response(self, context, **kwargs):
        form = context["form"]
        return HttpResponse(repr({"data": dict(form.data.items()), "errors": form.errors.get_json_data()}), **kwargs)


def _post(user, data, refusal=None):
    request = RequestFactory().post("/page/", data)
    SessionMiddleware(lambda r: None).process_request(request)
    MessageMiddleware(lambda r: None).process_request(request)
    request.user = user
    return request, NotePage.as_view(refusal=refusal)(request)


@pytest.mark.django_db
def test_a_valid_form_runs_the_service_and_redirects_with_the_message(community_staff):
    request, response = _post(community_staff, {"title": "x"})

    assert (response.status_code, response["Location"]) == (302, "/done/")
    assert [str(m) for m in get_messages(request)] == ["Saved."]


@pytest.mark.django_db
def test_a_service_field_error_lands_beside_its_form_field_and_keeps_what_was_typed(community_staff):
    _request, response = _post(community_staff, {"title": "typed"}, refusal=ValidationError({"title": "Taken."}))

    body = response.content.decode()
    assert response.status_code == 200
    assert "'title': 'typed'" in body and "Taken." in body


@pytest.mark.django_db
def test_a_service_field_named_otherwise_lands_on_the_mapped_form_field(community_staff):
    _request, response = _post(community_staff, {"title": "x"}, refusal=ValidationError({"body": "Too long."}))

    assert "'note': [{'message': 'Too long.'" in response.content.decode()


@pytest.mark.django_db
def test_a_service_error_without_a_field_goes_to_the_top_of_the_form(community_staff):
    _request, response = _post(community_staff, {"title": "x"}, refusal=ValidationError("The month is closed."))

    assert "'__all__': [{'message': 'The month is closed.'" in response.content.decode()


@pytest.mark.django_db
def test_an_invalid_form_never_reaches_the_service(community_staff):
    _request, response = _post(community_staff, {}, refusal=AssertionError("service called"))

    assert response.status_code == 200
    assert "'title'" in response.content.decode()


class RecordPage(NotePage):
    """A record page that takes a form: its record comes from `load`."""

    permission = "stations.merge_resident"
    invalid_status = 400
    loaded = False

    def load(self):
        type(self).loaded = True


class HostPage(NotePage):
    """The page a POST-only form lives on."""

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", None)
        return kwargs

    def render_to_response(self, context, **kwargs):
        return HttpResponse(f"host page, form errors: {dict(context['form'].errors)}", **kwargs)


class EmbeddedForm(NotePage):
    http_method_names = ["post"]
    page_view = HostPage


def _post_to(view, user, data, **initkwargs):
    request = RequestFactory().post("/page/", data)
    SessionMiddleware(lambda r: None).process_request(request)
    MessageMiddleware(lambda r: None).process_request(request)
    request.user = user
    return view.as_view(**initkwargs)(request)


@pytest.mark.django_db
def test_a_record_page_answers_a_refusal_with_400(street_officer):
    response = _post_to(RecordPage, street_officer, {"title": "x"}, refusal=ValidationError("No."))

    assert response.status_code == 400


@pytest.mark.django_db
def test_load_runs_only_after_the_permission_check(community_staff):
    RecordPage.loaded = False

    with pytest.raises(PermissionDenied):
        _post_to(RecordPage, community_staff, {"title": "x"})
    assert RecordPage.loaded is False


@pytest.mark.django_db
def test_a_refused_embedded_form_redraws_the_page_it_lives_on(community_staff):
    response = _post_to(EmbeddedForm, community_staff, {"title": "x"}, refusal=ValidationError({"title": "Taken."}))

    assert "host page" in response.content.decode() and "Taken." in response.content.decode()


class RowForm(forms.Form):
    amount = forms.IntegerField()


RowFormSet = forms.formset_factory(RowForm, extra=0)


class PageWithRows(NotePage):
    """A form posted with a formset of rows."""

    formset_class = RowFormSet
    formset_context_name = "rows"
    seen_rows = None

    def get_formset_kwargs(self):
        return {"prefix": "rows"}

    def perform(self, form):
        type(self).seen_rows = [row.cleaned_data["amount"] for row in self.formset]
        return super().perform(form)

    def render_to_response(self, context, **kwargs):
        return HttpResponse(f"rows errors: {context['rows'].errors}", **kwargs)


def _rows(*amounts):
    data = {"title": "x", "rows-TOTAL_FORMS": str(len(amounts)), "rows-INITIAL_FORMS": "0"}
    data.update({f"rows-{i}-amount": amount for i, amount in enumerate(amounts)})
    return data


@pytest.mark.django_db
def test_the_rows_posted_with_the_form_reach_the_service(community_staff):
    response = _post_to(PageWithRows, community_staff, _rows("3", "4"))

    assert response.status_code == 302
    assert PageWithRows.seen_rows == [3, 4]


@pytest.mark.django_db
def test_an_invalid_row_keeps_the_service_from_running_and_is_shown(community_staff):
    response = _post_to(PageWithRows, community_staff, _rows("3", "many"), refusal=AssertionError("service called"))

    assert response.status_code == 200
    assert "'amount'" in response.content.decode()


class OtherForm(forms.Form):
    reason = forms.CharField()


class PageWithTwoForms(NotePage):
    """Two forms on one page; the POST's `which` picks the one filled in."""

    def get_form_class(self):
        return OtherForm if self.request.POST.get("which") == "other" else NoteForm

    def get_form_context_name(self):
        return "other_form" if self.get_form_class() is OtherForm else "form"

    def render_to_response(self, context, **kwargs):
        return HttpResponse(f"forms: {sorted(k for k in context if k.endswith('form'))}", **kwargs)


@pytest.mark.django_db
def test_a_page_with_two_forms_shows_the_refusal_on_the_form_that_was_posted(community_staff):
    response = _post_to(PageWithTwoForms, community_staff, {"which": "other"}, refusal=AssertionError("not valid"))

    assert response.status_code == 200
    assert "other_form" in response.content.decode()
