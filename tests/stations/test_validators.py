import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from stations.validators import (
    mask_mobile,
    mask_resident_id,
    normalize_credit_code,
    normalize_mobile,
    normalize_resident_id,
)


def _code(func, value):
    with pytest.raises(ValidationError) as exc:
        func(value)
    return exc.value.error_list[0].code, " ".join(exc.value.messages)


def test_valid_id_number_is_accepted():
    assert normalize_resident_id("11010519491231002X") == "11010519491231002X"


def test_id_number_with_wrong_check_character_is_refused_with_the_expected_one():
    code, message = _code(normalize_resident_id, "110105194912310021")
    assert code == "checksum"
    assert "X" in message


def test_lowercase_x_is_accepted_and_stored_uppercase():
    assert normalize_resident_id("11010519491231002x") == "11010519491231002X"


def test_spaces_inside_an_id_number_are_ignored():
    assert normalize_resident_id(" 110105 19491231 002X ") == "11010519491231002X"


def test_impossible_birth_date_is_refused():
    # 1949-02-30 does not exist; the check character is right for the digits.
    from stations.validators import id_check_char

    first17 = "11010519490230002"
    code, message = _code(normalize_resident_id, first17 + id_check_char(first17))
    assert code == "birth_date"
    assert "19490230" in message


def test_birth_date_in_the_future_is_refused():
    from stations.validators import id_check_char

    first17 = f"110105{dt.date.today().year + 1}0101002"
    code, _ = _code(normalize_resident_id, first17 + id_check_char(first17))
    assert code == "birth_date"


def test_scientific_notation_from_a_spreadsheet_is_explained():
    code, message = _code(normalize_resident_id, "3.70402E+17")
    assert code == "scientific"
    assert "3.70402E+17" in message


def test_id_number_of_wrong_length_says_how_many_characters_were_typed():
    code, message = _code(normalize_resident_id, "1101051949123100")
    assert code == "format"
    assert "16" in message


def test_mobile_with_plus_86_and_separators_is_normalised():
    assert normalize_mobile("+86 139-1234-5678") == "13912345678"
    assert normalize_mobile("0086 13912345678") == "13912345678"


def test_mobile_not_starting_with_13_to_19_is_refused():
    code, _ = _code(normalize_mobile, "12912345678")
    assert code == "mobile"


def test_valid_credit_code_is_accepted():
    assert normalize_credit_code("91350100M000100Y43") == "91350100M000100Y43"


def test_credit_code_with_wrong_check_character_is_refused():
    code, _ = _code(normalize_credit_code, "91350100M000100Y44")
    assert code == "checksum"


def test_masks_keep_region_code_and_last_four():
    assert mask_resident_id("37040219800101123X") == "370402********123X"
    assert mask_mobile("13912345678") == "139****5678"
