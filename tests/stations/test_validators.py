import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from stations.validators import (
    mask_mobile,
    mask_resident_id,
    normalize_credit_code,
    normalize_fields,
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


# --- full-width and invisible characters (one normalisation boundary) ------------
FULL_WIDTH = str.maketrans("0123456789Xx", "０１２３４５６７８９Ｘｘ")


def test_full_width_id_number_is_accepted_as_ascii():
    assert normalize_resident_id("11010519491231002X".translate(FULL_WIDTH)) == "11010519491231002X"


def test_full_width_id_number_ending_in_small_x_is_stored_with_capital_x():
    assert normalize_resident_id("11010519491231002x".translate(FULL_WIDTH)) == "11010519491231002X"


def test_full_width_id_number_with_a_wrong_check_character_gets_the_checksum_message():
    code, message = _code(normalize_resident_id, "110105194912310021".translate(FULL_WIDTH))
    assert code == "checksum"
    assert "X" in message


def test_ideographic_and_zero_width_spaces_inside_an_id_number_are_removed():
    typed = "\ufeff110105\u3000194912\u200b31002X\u200d "
    assert normalize_resident_id(typed) == "11010519491231002X"


def test_digits_of_other_scripts_are_refused_naming_them():
    # Arabic-Indic digits are digits to `\d` but not to an ID card.
    code, message = _code(normalize_resident_id, "11010519491231002" + "\u0663")
    assert code == "format"
    assert "\u0663" in message


def test_letters_inside_an_id_number_are_refused_naming_them():
    code, message = _code(normalize_resident_id, "1101051949123100AX")
    assert code == "format"
    assert "A" in message


def test_full_width_mobile_with_full_width_plus_86_is_normalised():
    assert normalize_mobile("＋８６　１３９－１２３４－５６７８") == "13912345678"


def test_mobile_of_arabic_indic_digits_is_refused():
    code, _ = _code(normalize_mobile, "١٣٩١٢٣٤٥٦٧٨")
    assert code == "mobile"


def test_full_width_credit_code_is_accepted_as_ascii():
    assert normalize_credit_code("９１３５０１００Ｍ０００１００Ｙ４３") == "91350100M000100Y43"


def test_normalize_text_keeps_inner_spaces_and_trims():
    from stations.validators import normalize_text

    assert normalize_text("\u3000Ａｌｉ　Ｋｈａｎ\u200b ") == "Ali Khan"
    assert normalize_text("王 秀英") == "王 秀英"


def test_normalize_text_turns_tabs_and_line_breaks_into_spaces_and_drops_control_characters():
    from stations.validators import normalize_text

    assert normalize_text("张\t三\x00\x07") == "张 三"


def test_normalize_code_removes_every_space_and_upper_cases():
    from stations.validators import normalize_code

    assert normalize_code(" 3704 02ｘ\u2060 ") == "370402X"
    assert normalize_code(None) == ""


def test_normalize_fields_rewrites_good_values_and_returns_the_bad_ones_by_field():
    from types import SimpleNamespace

    record = SimpleNamespace(credit_code="123", contact_phone="139 1234 5678")
    errors = normalize_fields(record, contact_phone=normalize_mobile, credit_code=normalize_credit_code)

    assert record.contact_phone == "13912345678"
    assert list(errors) == ["credit_code"]
    assert record.credit_code == "123"


def test_normalize_fields_leaves_empty_fields_alone():
    from types import SimpleNamespace

    record = SimpleNamespace(credit_code="")
    assert normalize_fields(record, credit_code=normalize_credit_code) == {}
    assert record.credit_code == ""
