from stations.occupations import MAJOR_GROUPS, MIDDLE_GROUPS, occupation_choices, occupation_code_for


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
