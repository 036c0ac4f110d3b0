from django.urls import reverse

from tests.assistance.conftest import TODAY
from tests.factories.residents import ResidentFactory


def test_dashboard_shows_my_overdue_cases_with_one_click_recording(staff_client, make_case):
    case = make_case(opened_days_ago=120)
    body = staff_client.get(reverse("stations:dashboard")).content.decode()
    assert case.resident.name in body
    assert reverse("assistance:case_service", args=[case.pk]) in body


def _overdue_case(make_case, resident_community, assigned_to):
    return make_case(
        opened_days_ago=130, resident=ResidentFactory(community=resident_community), assigned_to=assigned_to
    )


def test_street_dashboard_lists_every_overdue_case_of_its_communities(
    client,
    make_case,
    community,
    sibling_community,
    other_community,
    community_staff,
    street_officer,
    django_assert_max_num_queries,
):
    from stations.models import Role
    from tests.factories.users import UserFactory

    sibling_staff = UserFactory(role=Role.COMMUNITY_STAFF, community=sibling_community)
    mine = _overdue_case(make_case, community, community_staff)
    theirs = _overdue_case(make_case, sibling_community, sibling_staff)
    outside = _overdue_case(
        make_case, other_community, UserFactory(role=Role.COMMUNITY_STAFF, community=other_community)
    )
    on_time = make_case(opened_days_ago=5)
    client.force_login(street_officer)
    with django_assert_max_num_queries(40):
        body = client.get(reverse("stations:dashboard")).content.decode()
    assert "中心街街道 逾期案件" in body
    for case in (mine, theirs):
        assert reverse("assistance:case_detail", args=[case.pk]) in body
    for case in (outside, on_time):
        assert reverse("assistance:case_detail", args=[case.pk]) not in body
    assert f"{community.name} 1" in body and f"{sibling_community.name} 1" in body


def test_district_dashboard_lists_overdue_cases_of_every_street_and_their_escalations(
    client, make_case, community, other_community, far_community, community_staff, district_bureau
):
    from assistance.reminders import reminders_send
    from stations.models import Role
    from tests.factories.users import UserFactory

    here = _overdue_case(make_case, community, community_staff)
    there = _overdue_case(make_case, other_community, UserFactory(role=Role.COMMUNITY_STAFF, community=other_community))
    far = _overdue_case(make_case, far_community, UserFactory(role=Role.COMMUNITY_STAFF, community=far_community))
    reminders_send(today=TODAY)
    client.force_login(district_bureau)
    body = client.get(reverse("stations:dashboard")).content.decode()
    assert reverse("assistance:case_detail", args=[here.pk]) in body
    assert reverse("assistance:case_detail", args=[there.pk]) in body
    assert reverse("assistance:case_detail", args=[far.pk]) not in body
    assert "区（市）人社局" in body  # escalated to the district
    assert "Overdue" not in body and "escalated" not in body


def test_area_list_shows_the_most_overdue_first_and_counts_them_all(
    make_case, community, community_staff, street_officer
):
    from assistance.selectors import overdue_in_scope

    cases = [make_case(opened_days_ago=days) for days in (100, 300, 200)]
    area = overdue_in_scope(user=street_officer, limit=2)
    assert area["total"] == 3
    assert [item.case.pk for item in area["items"]] == [cases[1].pk, cases[2].pk]
    assert area["by_community"] == [(community.name, 3, community.pk)]
