"""Recorded target groups fit the person the ID number describes, on every path."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from stations.models import Resident as ResidentModel
from stations.models import Sex, TargetGroupCode
from stations.target_group_rules import graduation_problem, group_fits, record_fit_problems, target_group_problems
from tests.factories import valid_id_number

ON = dt.date(2026, 6, 1)


def born(years_ago: int) -> dt.date:
    return ON.replace(year=ON.year - years_ago) - dt.timedelta(days=10)


def test_no_man_is_a_mother_of_young_children():
    assert not group_fits(TargetGroupCode.MOTHER_YOUNG_CHILDREN, sex=Sex.MALE, birth_date=born(32), on=ON)
    assert group_fits(TargetGroupCode.MOTHER_YOUNG_CHILDREN, sex=Sex.FEMALE, birth_date=born(32), on=ON)


@pytest.mark.parametrize(("age", "fits"), [(17, False), (18, True), (49, True), (50, False)])
def test_a_mother_of_young_children_is_of_child_rearing_age(age, fits):
    assert group_fits(TargetGroupCode.MOTHER_YOUNG_CHILDREN, sex=Sex.FEMALE, birth_date=born(age), on=ON) is fits


@pytest.mark.parametrize(("age", "fits"), [(45, False), (59, False), (60, True), (69, True), (70, False)])
def test_the_young_old_are_sixty_to_sixty_nine(age, fits):
    assert group_fits(TargetGroupCode.YOUNG_OLD, sex=Sex.MALE, birth_date=born(age), on=ON) is fits


def test_a_school_leaver_is_young_and_has_no_college_degree():
    assert group_fits(TargetGroupCode.SCHOOL_LEAVER, sex=Sex.MALE, birth_date=born(17), on=ON)
    assert not group_fits(TargetGroupCode.SCHOOL_LEAVER, sex=Sex.MALE, birth_date=born(40), on=ON)
    assert not group_fits(TargetGroupCode.SCHOOL_LEAVER, sex=Sex.MALE, birth_date=born(22), on=ON, is_graduate=True)


def test_groups_without_a_sex_or_age_always_fit():
    assert (
        target_group_problems(
            [TargetGroupCode.HARD_TO_EMPLOY, TargetGroupCode.DISABLED], sex=Sex.MALE, birth_date=born(70), on=ON
        )
        == []
    )


def test_a_college_graduation_before_eighteen_is_a_problem():
    assert graduation_problem(birth_date=dt.date(2005, 1, 1), graduation_date=dt.date(2022, 6, 30))
    assert graduation_problem(birth_date=dt.date(2000, 1, 1), graduation_date=dt.date(2022, 6, 30)) is None


def test_a_record_lists_its_misfits_by_field_the_graduation_only_for_a_graduate():
    man = ResidentModel(sex=Sex.MALE, birth_date=dt.date(2005, 1, 1), graduation_date=dt.date(2022, 6, 30))
    assert set(record_fit_problems(man, [TargetGroupCode.MOTHER_YOUNG_CHILDREN])) == {"target_groups"}
    man.is_graduate = True
    assert set(record_fit_problems(man, [])) == {"graduation_date"}


def test_registering_a_man_as_a_mother_of_young_children_is_refused(community_staff, community):
    from stations.services.residents import resident_register

    data = {
        "name": "王强",
        "id_number": valid_id_number(birth=dt.date(1990, 3, 1), male=True),
        "mobile": "13912345678",
        "address": "光明路1号",
        "education": "senior",
        "target_groups": [TargetGroupCode.MOTHER_YOUNG_CHILDREN],
    }
    with pytest.raises(ValidationError) as err:
        resident_register(actor=community_staff, community=community, data=data)
    assert "target_groups" in err.value.message_dict


def test_correcting_the_id_number_to_a_man_is_refused_while_the_record_says_mother(community_staff, community):
    from stations.services.residents import resident_register, resident_update

    resident = resident_register(
        actor=community_staff,
        community=community,
        data={
            "name": "李娟",
            "id_number": valid_id_number(birth=dt.date(1990, 3, 1), male=False),
            "mobile": "13912345679",
            "address": "光明路2号",
            "education": "senior",
            "target_groups": [TargetGroupCode.MOTHER_YOUNG_CHILDREN],
        },
    )
    with pytest.raises(ValidationError) as err:
        resident_update(
            actor=community_staff,
            resident=resident,
            data={"id_number": valid_id_number(birth=dt.date(1990, 3, 1), male=True)},
        )
    assert "target_groups" in err.value.message_dict


def test_an_imported_row_with_a_group_that_does_not_fit_is_reported(community_staff):
    from django.utils import translation

    from stations.imports.services import resident_import_batch_create
    from stations.models import ImportStatus
    from tests.stations.imports.conftest import HEADERS, good_row, xlsx

    man = valid_id_number(birth=dt.date(1988, 1, 1), male=True)
    with translation.override("en"):
        batch = resident_import_batch_create(
            actor=community_staff,
            filename="台账.xlsx",
            data=xlsx([good_row(1), good_row(2, 身份证号=man, 人员类别="二孩妈妈")], HEADERS),
            update_existing=False,
        )
    assert batch.status == ImportStatus.INVALID
    assert [(e["row"], e["column"]) for e in batch.errors] == [(3, "人员类别")]
    assert "mother of young children" in batch.errors[0]["message"]
