import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from stations.models import AuditAction, AuditEntry, EmploymentStatus, Resident, ServiceRecord, TargetGroup
from tests.factories import ResidentFactory, valid_id_number

pytestmark = pytest.mark.django_db

LIST = reverse("stations:resident_list")


def _detail(resident):
    return reverse("stations:resident_detail", kwargs={"pk": resident.pk})


def _form(**overrides):
    data = {
        "name": "李娜",
        "id_number": valid_id_number(birth=dt.date(1990, 5, 6), male=False),
        "mobile": "13912340000",
        "address": "光明路8号",
        "education": "senior",
        "employment_status": "unemployed",
        "wants_training": "unknown",
        "target_groups": ["veteran"],
    }
    data.update(overrides)
    return data


@pytest.fixture
def community_form(community):
    return _form(community=community.pk)


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


def test_record_page_shows_the_full_values_and_logs_a_view(staff_client, community):
    resident = ResidentFactory(community=community, id_number="11010519491231002X", mobile="13912345678")
    response = staff_client.get(_detail(resident))
    html = response.content.decode()
    assert "11010519491231002X" in html and "13912345678" in html
    assert response["Cache-Control"] == "no-store"
    assert AuditEntry.objects.filter(action=AuditAction.VIEW, object_id=str(resident.pk)).count() == 1


def test_record_page_of_another_community_is_404(staff_client, sibling_community):
    resident = ResidentFactory(community=sibling_community)
    assert staff_client.get(_detail(resident)).status_code == 404


def test_record_page_issues_a_fixed_number_of_queries(staff_client, community, community_staff):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import ServiceRecordFactory

    resident = ResidentFactory(community=community)
    staff_client.get(_detail(resident))
    with CaptureQueriesContext(connection) as few:
        staff_client.get(_detail(resident))
    ServiceRecordFactory.create_batch(12, resident=resident, staff=community_staff)
    with CaptureQueriesContext(connection) as many:
        staff_client.get(_detail(resident))
    assert len(many) == len(few)


def test_create_registers_and_opens_the_record(staff_client, community, community_form):
    response = staff_client.post(reverse("stations:resident_create"), community_form)
    resident = Resident.objects.get(name="李娜")
    assert response.status_code == 302
    assert response.url == _detail(resident)
    assert resident.community == community


def test_create_keeps_what_was_typed_and_explains_a_wrong_id(staff_client, community_form):
    community_form["id_number"] = "110105194912310021"
    community_form["address"] = "光明路8号 3单元"
    response = staff_client.post(reverse("stations:resident_create"), community_form)
    html = response.content.decode()
    assert response.status_code == 200
    assert "光明路8号 3单元" in html
    assert "110105194912310021" in html
    assert (
        response.context["form"]
        .errors["id_number"][0]
        .startswith(str(response.context["form"].errors["id_number"][0])[:5])
    )
    assert Resident.objects.count() == 0
    assert "autofocus" in str(response.context["form"]["id_number"])


def test_create_of_a_person_registered_elsewhere_names_the_community_and_offers_a_transfer(
    staff_client, community_form, far_community
):
    existing = ResidentFactory(community=far_community, name="外区的人")
    community_form["id_number"] = existing.id_number
    html = staff_client.post(reverse("stations:resident_create"), community_form).content.decode()
    assert far_community.name in html
    assert "外区的人" not in html
    assert reverse("stations:resident_transfer_list") in html


def test_create_is_refused_to_the_district_bureau(client, district_bureau, community_form):
    client.force_login(district_bureau)
    assert client.post(reverse("stations:resident_create"), community_form).status_code == 403


def test_edit_saves_and_audits(staff_client, community):
    resident = ResidentFactory(community=community, address="旧地址")
    data = _form(
        name=resident.name, id_number=resident.id_number, mobile=resident.mobile, address="新地址", target_groups=[]
    )
    response = staff_client.post(reverse("stations:resident_edit", kwargs={"pk": resident.pk}), data)
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.address == "新地址"
    entry = AuditEntry.objects.filter(action=AuditAction.UPDATE, object_id=str(resident.pk)).latest("pk")
    assert entry.changes["address"] == ["旧地址", "新地址"]


def test_edit_with_a_wrong_id_number_gives_the_precise_message(staff_client, community):
    resident = ResidentFactory(community=community)
    data = _form(name=resident.name, id_number="110105194912310021", mobile=resident.mobile)
    response = staff_client.post(reverse("stations:resident_edit", kwargs={"pk": resident.pk}), data)
    assert response.status_code == 200
    message = response.context["form"].errors["id_number"][0]
    assert "X" in message


def test_status_form_changes_status_and_opens_a_registration(staff_client, community):
    resident = ResidentFactory(community=community, employment_status=EmploymentStatus.EMPLOYED)
    response = staff_client.post(
        reverse("stations:resident_status", kwargs={"pk": resident.pk}),
        {"status": "unemployed", "changed_on": timezone.localdate().isoformat(), "registration_number": "NO-1"},
    )
    assert response.status_code == 302
    assert resident.unemployment_registrations.get().number == "NO-1"


def test_status_form_refuses_a_future_date_and_keeps_the_input(staff_client, community):
    resident = ResidentFactory(community=community)
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    response = staff_client.post(
        reverse("stations:resident_status", kwargs={"pk": resident.pk}),
        {"status": "employed", "changed_on": future, "note": "找到工作"},
    )
    assert response.status_code == 200
    assert "找到工作" in response.content.decode()


def test_quick_service_form_writes_the_service_log(staff_client, community):
    resident = ResidentFactory(community=community)
    staff_client.post(
        reverse("stations:resident_service", kwargs={"pk": resident.pk}),
        {"kind": "career_guidance", "served_on": timezone.localdate().isoformat(), "channel": "phone", "note": "电话"},
    )
    assert ServiceRecord.objects.get(resident=resident).kind == "career_guidance"


def test_household_join_by_the_members_id_number(staff_client, community):
    a = ResidentFactory(community=community)
    b = ResidentFactory(community=community)
    staff_client.post(reverse("stations:resident_household", kwargs={"pk": a.pk}), {"member_id_number": b.id_number})
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.household_id and a.household_id == b.household_id


def test_remove_with_reason(staff_client, community):
    resident = ResidentFactory(community=community)
    staff_client.post(reverse("stations:resident_remove", kwargs={"pk": resident.pk}), {"reason": "deceased"})
    resident.refresh_from_db()
    assert resident.removal_reason == "deceased"
    assert resident.name not in staff_client.get(LIST).content.decode()


def test_transfer_request_and_acceptance_through_the_pages(
    staff_client, community, other_community, other_community_staff
):
    from django.test import Client

    client = Client()
    resident = ResidentFactory(community=other_community)
    response = staff_client.post(
        reverse("stations:resident_transfer_list"),
        {"id_number": resident.id_number, "to_community": community.pk, "note": "已搬来"},
    )
    assert response.status_code == 302
    client.force_login(other_community_staff)
    page = client.get(reverse("stations:resident_transfer_list")).content.decode()
    assert resident.name in page
    transfer = resident.transfer_requests.get()
    client.post(reverse("stations:resident_transfer_decide", kwargs={"pk": transfer.pk}), {"decision": "accept"})
    resident.refresh_from_db()
    assert resident.community == community
    assert staff_client.get(_detail(resident)).status_code == 200


def test_requesting_staff_see_their_request_but_not_the_record(staff_client, community, other_community):
    resident = ResidentFactory(community=other_community, name="对方居民")
    staff_client.post(
        reverse("stations:resident_transfer_list"), {"id_number": resident.id_number, "to_community": community.pk}
    )
    page = staff_client.get(reverse("stations:resident_transfer_list")).content.decode()
    assert other_community.name in page
    assert "对方居民" not in page


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


def test_record_page_links_to_the_matching_jobs_of_the_resident(client, community_staff, community):
    from django.urls import reverse

    from tests.factories import ResidentFactory

    resident = ResidentFactory(community=community)
    client.force_login(community_staff)
    page = client.get(reverse("stations:resident_detail", args=[resident.pk])).content.decode()
    assert reverse("jobs:resident_matches", kwargs={"resident_pk": resident.pk}) in page


# --- one person, however the digits were typed ------------------------------------------------
def test_a_full_width_id_number_typed_in_the_form_finds_the_person_registered_in_ascii(
    staff_client, community, sibling_community
):
    ResidentFactory(community=sibling_community, id_number="11010519491231002X", name="王秀英")
    data = _form(community=community.pk, id_number="１１０１０５１９４９１２３１００２ｘ")
    response = staff_client.post(reverse("stations:resident_create"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert sibling_community.name in html
    assert "１１０１０５１９４９１２３１００２ｘ" in html  # what was typed stays
    assert Resident.objects.count() == 1


def test_a_full_width_id_number_with_a_wrong_check_character_gets_the_checksum_message(staff_client, community):
    data = _form(community=community.pk, id_number="１１０１０５１９４９１２３１００２１")
    html = staff_client.post(reverse("stations:resident_create"), data).content.decode()
    assert "X" in html
    assert not Resident.objects.exists()


def test_a_new_person_typed_in_full_width_digits_is_registered_once_in_ascii(staff_client, community):
    number = valid_id_number(birth=dt.date(1990, 5, 6), male=False, serial=41)
    typed = number.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    response = staff_client.post(reverse("stations:resident_create"), _form(community=community.pk, id_number=typed))
    assert response.status_code == 302
    assert Resident.objects.get().id_number == number
    again = staff_client.post(reverse("stations:resident_create"), _form(community=community.pk, id_number=number))
    assert again.status_code == 200
    assert Resident.objects.count() == 1


def test_searching_full_width_last_four_digits_finds_the_person(staff_client, community):
    ResidentFactory(community=community, id_number="11010519491231002X", name="王秀英")
    response = staff_client.post(reverse("stations:resident_search"), {"text": "００２ｘ"}, follow=True)
    assert "王秀英" in response.content.decode()


def test_joining_a_household_by_a_full_width_id_number_finds_the_member(staff_client, community):
    member = ResidentFactory(community=community, id_number="11010519491231002X")
    resident = ResidentFactory(community=community)
    staff_client.post(
        reverse("stations:resident_household", kwargs={"pk": resident.pk}),
        {"action": "join", "member_id_number": "１１０１０５１９４９１２３１００２ｘ"},
    )
    resident.refresh_from_db()
    member.refresh_from_db()
    assert resident.household_id is not None and resident.household_id == member.household_id


def test_a_person_found_in_the_users_own_area_is_offered_as_a_link_not_a_transfer(staff_client, community):
    existing = ResidentFactory(community=community, id_number="11010519491231002X")
    data = _form(community=community.pk, id_number="１１０１０５１９４９１２３１００２ｘ")
    response = staff_client.post(reverse("stations:resident_create"), data)
    html = response.content.decode()
    assert _detail(existing) in html
    assert response.context["transfer_form"] is None


def test_the_wanted_job_is_a_choice_of_the_classification_grouped_by_major_group(staff_client):
    html = staff_client.get(reverse("stations:resident_create")).content.decode()

    assert '<optgroup label="4 社会生产服务和生活服务人员">' in html
    assert '<option value="4-10">4-10 居民服务人员</option>' in html
    assert 'name="wanted_job_categories"' not in html


def test_registering_with_a_wanted_job_category_stores_its_code(staff_client, community_form):
    community_form.update(wanted_occupation="4-10", wanted_work_pattern="part_time")

    staff_client.post(reverse("stations:resident_create"), community_form)

    assert Resident.objects.get(name="李娜").wanted_occupation == "4-10"


def test_a_record_with_an_old_free_text_wish_keeps_its_box_until_emptied(staff_client, community):
    resident = ResidentFactory(community=community, wanted_job_categories="保洁、保安")

    html = staff_client.get(reverse("stations:resident_edit", args=[resident.pk])).content.decode()

    assert 'name="wanted_job_categories"' in html and "保洁、保安" in html


def test_the_list_shows_the_records_whose_wanted_job_is_still_free_text(staff_client, community):
    waiting = ResidentFactory(community=community, wanted_job_categories="保洁、保安")
    ResidentFactory(community=community, wanted_occupation="4-10")
    ResidentFactory(community=community)

    response = staff_client.get(LIST, {"wish": "free_text"})

    assert [row["resident"].pk for row in response.context["rows"]] == [waiting.pk]


def test_record_page_takes_the_same_queries_however_long_the_record(
    staff_client, community, community_staff, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import ServiceRecordFactory

    resident = ResidentFactory(community=community)
    url = reverse("stations:resident_detail", args=[resident.pk])
    staff_client.get(url)
    with CaptureQueriesContext(connection) as short:
        staff_client.get(url)
    ServiceRecordFactory.create_batch(20, resident=resident, staff=community_staff)
    # Session, user, the record and its groups, the audit entry, merges, the
    # four histories, the text messages, the user's area, notifications, the
    # session's save.
    with django_assert_max_num_queries(len(short)):
        response = staff_client.get(url)
    assert len(response.context["services"]) == 20
    assert len(short) <= 16


def test_record_page_renders_every_field_of_its_action_forms(staff_client, community):
    resident = ResidentFactory(community=community)
    response = staff_client.get(reverse("stations:resident_detail", args=[resident.pk]))
    html = response.content.decode()
    for name in ("status_form", "service_form", "household_form", "removal_form"):
        for field in response.context[name]:
            assert f'name="{field.html_name}"' in html
