from jobs.matching import wanted_categories
from tests.factories.jobs import PostingFactory


def test_a_chosen_middle_group_wants_its_kinds_of_work():
    assert wanted_categories("4-10", "") == {"housekeeping", "community_service"}


def test_a_middle_group_without_its_own_kinds_falls_back_to_its_major_group():
    assert wanted_categories("6-22", "") == {"manufacturing"}


def test_free_text_still_on_the_record_adds_its_kinds_of_work():
    assert wanted_categories("4-03", "保洁") >= {"catering", "cleaning_security"}


def test_matching_falls_back_to_every_live_posting_when_few_fit(community_staff, far_community, seeker):
    from jobs.matching import postings_for_resident

    seeker.wanted_job_categories = "家政服务"
    seeker.wanted_work_pattern = "flexible"
    seeker.save()
    far = PostingFactory(
        employer__community=far_community, occupation_category="construction", work_pattern="full_time"
    )
    assert [m.pk for m in postings_for_resident(resident=seeker)] == [far.pk]


def test_matching_skips_postings_whose_requirements_the_resident_misses(community, seeker):
    from jobs.matching import postings_for_resident

    seeker.education = "junior"
    seeker.save()
    PostingFactory(employer__community=community, education_min="bachelor")
    PostingFactory(employer__community=community, age_max=18, age_limit_reason="学徒岗")
    assert postings_for_resident(resident=seeker) == []
