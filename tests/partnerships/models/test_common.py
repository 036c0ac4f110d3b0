"""The credit code rule the organisation and partner records share."""

from partnerships.models import LabourOrganisation, Partner
from partnerships.models.common import normalise_credit_code


def test_a_credit_code_is_written_in_its_one_form():
    partner = Partner(credit_code=" 91370402ma00000009 ")
    errors = {}

    normalise_credit_code(partner, errors)

    assert (partner.credit_code, errors) == ("91370402MA00000009", {})


def test_a_wrong_credit_code_is_named_in_the_errors_and_a_blank_one_left_alone():
    wrong, blank = LabourOrganisation(credit_code="123"), LabourOrganisation(credit_code="")
    errors, none = {}, {}

    normalise_credit_code(wrong, errors)
    normalise_credit_code(blank, none)

    assert list(errors) == ["credit_code"] and none == {} and blank.credit_code == ""
