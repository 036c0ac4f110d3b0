import pytest

from stations.occupations import (
    MAJOR_GROUPS,
    MIDDLE_GROUPS,
    OccupationNotFound,
    occupation_choices,
    occupation_code_for,
    occupation_code_from_cell,
)


def test_the_classification_has_8_major_and_79_middle_groups_with_unique_codes():
    codes = [code for code, _ in MAJOR_GROUPS + MIDDLE_GROUPS]

    assert (len(MAJOR_GROUPS), len(MIDDLE_GROUPS)) == (8, 79)
    assert len(set(codes)) == len(codes)
    assert {code.split("-")[0] for code, _ in MIDDLE_GROUPS} == {code for code, _ in MAJOR_GROUPS}


def test_choices_are_one_group_per_major_group_led_by_the_major_group_itself():
    groups = occupation_choices()

    assert len(groups) == 8
    assert [options[0][0] for _, options in groups] == [code for code, _ in MAJOR_GROUPS]
    assert ("4-10", "4-10 居民服务人员") in groups[3][1]


def test_only_an_exact_name_maps_to_a_code():
    assert occupation_code_for(" 居民服务人员 ") == "4-10"
    assert occupation_code_for("专业技术人员") == "2"
    assert occupation_code_for("居民服务") == ""
    assert occupation_code_for("保洁、保安") == ""


def test_the_middle_groups_carry_the_2022_edition_names():
    names = dict(MIDDLE_GROUPS)

    assert names["2-07"] == "监察、法律、社会和宗教专业人员"
    assert names["4-02"] == "交通运输、仓储物流和邮政业服务人员"
    assert names["4-13"] == "文化和教育服务人员"
    assert names["4-14"] == "健康、体育和休闲服务人员"


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        ("4-10", "4-10"),
        ("４－１０", "4-10"),
        (" 4 ", "4"),
        ("4-10 居民服务人员", "4-10"),
        ("居民服务人员", "4-10"),
        ("居民服务", "4-10"),
        ("不便分类的其他从业人员", "8"),
    ],
)
def test_a_ledger_cell_maps_by_code_label_exact_name_or_unique_part_of_a_name(cell, code):
    assert occupation_code_from_cell(cell) == code


def test_a_ledger_cell_that_fits_several_groups_names_them_instead_of_guessing():
    with pytest.raises(OccupationNotFound) as caught:
        occupation_code_from_cell("金融")

    assert {code for code, _ in caught.value.candidates} == {"2-06", "4-05"}


def test_a_ledger_cell_that_fits_no_group_has_no_candidates():
    with pytest.raises(OccupationNotFound) as caught:
        occupation_code_from_cell("保洁、保安")

    assert caught.value.candidates == []
