"""The registry list, its search and the four-clears summary (stations.views.residents.lists)."""

import pytest
from django.urls import reverse

from stations.models import TargetGroup
from tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db

LIST = reverse("stations:resident_list")


def test_list_masks_id_number_and_phone(staff_client, community):
    resident = ResidentFactory(community=community, id_number="11010519491231002X", mobile="13912345678")
    html = staff_client.get(LIST).content.decode()
    assert resident.name in html
    assert "110105********002X" in html
    assert "139****5678" in html
    assert "11010519491231002X" not in html
    assert "13912345678" not in html


def test_list_shows_only_the_users_scope(staff_client, community, sibling_community):
    ResidentFactory(community=community, name="本社区居民")
    ResidentFactory(community=sibling_community, name="隔壁社区居民")
    html = staff_client.get(LIST).content.decode()
    assert "本社区居民" in html
    assert "隔壁社区居民" not in html


def test_street_officer_sees_every_community_of_the_street(client, street_officer, community, sibling_community):
    ResidentFactory(community=community, name="甲")
    ResidentFactory(community=sibling_community, name="乙")
    client.force_login(street_officer)
    html = client.get(LIST).content.decode()
    assert "甲" in html and "乙" in html


def test_list_never_prints_sensitive_groups(staff_client, community):
    resident = ResidentFactory(community=community)
    resident.target_groups.set(TargetGroup.objects.filter(code__in=["disabled", "veteran"]))
    html = staff_client.get(LIST).content.decode()
    assert str(TargetGroup.objects.get(code="veteran")) in html
    assert str(TargetGroup.objects.get(code="disabled")) not in html.split("<tbody>")[1]


def test_list_can_filter_by_a_sensitive_group(staff_client, community):
    disabled = ResidentFactory(community=community, name="甲")
    disabled.target_groups.set(TargetGroup.objects.filter(code="disabled"))
    ResidentFactory(community=community, name="乙")
    html = staff_client.get(LIST, {"group": "disabled"}).content.decode()
    assert "甲" in html
    assert "乙</a>" not in html


def test_list_issues_the_same_number_of_queries_whatever_the_page_size(
    staff_client, community, django_assert_num_queries
):
    ResidentFactory.create_batch(3, community=community)
    staff_client.get(LIST)  # warm caches (content types, sessions)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        staff_client.get(LIST)
    ResidentFactory.create_batch(30, community=community)
    with django_assert_num_queries(len(few)):
        response = staff_client.get(LIST, {"per_page": 100})
    assert len(response.context["rows"]) == 33


def test_search_posts_and_redirects_without_the_number_in_the_url(staff_client, community):
    resident = ResidentFactory(community=community, mobile="13955556789")
    response = staff_client.post(reverse("stations:resident_search"), {"text": "13955556789"})
    assert response.status_code == 302
    assert "13955556789" not in response.url and "6789" not in response.url
    html = staff_client.get(response.url).content.decode()
    assert resident.name in html


def test_last_four_digits_of_the_phone_find_the_person(staff_client, community):
    resident = ResidentFactory(community=community, mobile="13955554321", name="王芳")
    ResidentFactory(community=community, mobile="13900001111", name="赵强")
    url = staff_client.post(reverse("stations:resident_search"), {"text": "4321"}).url
    response = staff_client.get(url)
    names = [row["resident"].name for row in response.context["rows"]]
    assert names == [resident.name]


def test_last_four_of_an_id_number_with_x_find_the_person(staff_client, community):
    resident = ResidentFactory(community=community, id_number="11010519491231002X")
    url = staff_client.post(reverse("stations:resident_search"), {"text": "002x"}).url
    assert [r["resident"] for r in staff_client.get(url).context["rows"]] == [resident]


def test_search_does_not_reach_outside_the_scope(staff_client, community, far_community):
    ResidentFactory(community=far_community, mobile="13977778888", name="外区居民")
    url = staff_client.post(reverse("stations:resident_search"), {"text": "8888"}).url
    assert "外区居民" not in staff_client.get(url).content.decode()


def test_four_clears_summary_counts_per_community(staff_client, community):
    ResidentFactory(community=community, skill_level="junior", wants_training=True)
    ResidentFactory(community=community)
    response = staff_client.get(reverse("stations:resident_four_clears"))
    row = next(r for r in response.context["rows"] if r.pk == community.pk)
    assert row.residents_total == 2
    assert row.clear_skill == 1
    assert row.clear_training == 1


def test_dashboard_shows_the_registry_panel(staff_client, community):
    ResidentFactory(community=community)
    html = staff_client.get(reverse("stations:dashboard")).content.decode()
    assert "four_clears=incomplete" in html


def test_nav_has_residents_with_accesskey_r(staff_client, community):
    html = staff_client.get(reverse("stations:dashboard")).content.decode()
    assert f'href="{LIST}" accesskey="r"' in html


def test_search_results_issue_the_same_number_of_queries_whatever_the_matches(
    staff_client, community, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ResidentFactory.create_batch(2, community=community, name="同名")
    url = staff_client.post(reverse("stations:resident_search"), {"text": "同名"}).url
    staff_client.get(url)
    with CaptureQueriesContext(connection) as few:
        staff_client.get(url)
    ResidentFactory.create_batch(25, community=community, name="同名")
    with django_assert_num_queries(len(few)):
        response = staff_client.get(url)
    assert len(response.context["rows"]) == 27


def test_searching_full_width_last_four_digits_finds_the_person(staff_client, community):
    ResidentFactory(community=community, id_number="11010519491231002X", name="王秀英")
    response = staff_client.post(reverse("stations:resident_search"), {"text": "００２ｘ"}, follow=True)
    assert "王秀英" in response.content.decode()


def test_the_list_shows_the_records_whose_wanted_job_is_still_free_text(staff_client, community):
    waiting = ResidentFactory(community=community, wanted_job_categories="保洁、保安")
    ResidentFactory(community=community, wanted_occupation="4-10")
    ResidentFactory(community=community)

    response = staff_client.get(LIST, {"wish": "free_text"})

    assert [row["resident"].pk for row in response.context["rows"]] == [waiting.pk]
