"""The normalising model fields: every save, exact look-up, form and API
field passes through stations.validators' normalisation."""

import datetime as dt

import pytest
from django import forms

from jobs.models import Employer
from stations.models import Community, Resident
from tests.factories import ResidentFactory, valid_id_number
from tests.factories.jobs import EmployerFactory, valid_credit_code

FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
ID_NUMBER = valid_id_number(birth=dt.date(1975, 3, 8), male=False, serial=11)


@pytest.mark.django_db
def test_a_full_width_id_number_is_stored_in_ascii(community):
    resident = ResidentFactory(
        community=community, id_number=ID_NUMBER.translate(FULL_WIDTH), mobile="１３９０５３２８８６１"
    )
    resident.refresh_from_db()
    assert (resident.id_number, resident.mobile) == (ID_NUMBER, "13905328861")


@pytest.mark.django_db
def test_an_exact_look_up_with_full_width_digits_finds_the_ascii_record(community):
    resident = ResidentFactory(community=community, id_number=ID_NUMBER)
    assert Resident.objects.get(id_number=" " + ID_NUMBER.translate(FULL_WIDTH) + "\u200b") == resident
    assert list(Resident.objects.filter(id_number__in=[ID_NUMBER.lower().translate(FULL_WIDTH)])) == [resident]


@pytest.mark.django_db
def test_a_name_is_stored_nfkc_and_trimmed_with_inner_spaces_kept(community):
    resident = ResidentFactory(community=community, name="\u3000Ａｌｉ  Ｋｈａｎ\ufeff")
    resident.refresh_from_db()
    assert resident.name == "Ali  Khan"


@pytest.mark.django_db
def test_full_clean_normalises_before_the_validators_run(community):
    employer = EmployerFactory.build(community=community, credit_code=" " + valid_credit_code(7).translate(FULL_WIDTH))
    employer.full_clean(validate_unique=False)
    assert employer.credit_code == valid_credit_code(7)


@pytest.mark.django_db
def test_a_division_code_in_full_width_digits_is_stored_in_ascii(street):
    community = Community.objects.create(street=street, code="３７０４０２００１００９", name="新社区")
    community.refresh_from_db()
    assert community.code == "370402001009"


@pytest.mark.django_db
def test_a_model_form_field_checks_the_length_after_normalising():
    class EmployerCodeForm(forms.ModelForm):
        class Meta:
            model = Employer
            fields = ["credit_code"]

    form = EmployerCodeForm(data={"credit_code": "9135 0100 M000 100Y43"})
    form.is_valid()
    assert "credit_code" not in form.errors
    assert form.cleaned_data["credit_code"] == "91350100M000100Y43"
    assert int(form.fields["credit_code"].widget.attrs["maxlength"]) > 18


def test_the_normalising_fields_need_no_schema_migration():
    field = Resident._meta.get_field("id_number")
    assert field.deconstruct()[1] == "django.db.models.CharField"
