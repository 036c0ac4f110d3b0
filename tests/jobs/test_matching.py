from jobs.matching import wanted_categories


def test_a_chosen_middle_group_wants_its_kinds_of_work():
    assert wanted_categories("4-10", "") == {"housekeeping", "community_service"}


def test_a_middle_group_without_its_own_kinds_falls_back_to_its_major_group():
    assert wanted_categories("6-22", "") == {"manufacturing"}


def test_free_text_still_on_the_record_adds_its_kinds_of_work():
    assert wanted_categories("4-03", "保洁") >= {"catering", "cleaning_security"}
