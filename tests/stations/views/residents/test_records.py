"""Registering, the record page and editing it (stations.views.residents.records)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from stations.models import AuditAction, AuditEntry, Resident
from tests.factories import ResidentFactory, valid_id_number
from tests.factories.reports import day_in
from tests.factories.residents import registration_data

pytestmark = pytest.mark.django_db


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


def test_record_page_shows_the_full_values_and_logs_a_view(staff_client, community):
    resident = ResidentFactory(community=community, id_number="11010519491231002X", mobile="13912345678")
    response = staff_client.get(_detail(resident))
    html = response.content.decode()
    assert "11010519491231002X" in html and "13912345678" in html
    assert response["Cache-Control"] == "no-store"
    assert AuditEntry.objects.filter(action=AuditAction.VIEW, object_id=str(resident.pk)).count() == 1


def test_record_page_shows_a_status_change_nobody_recorded(staff_client, community):
    # Back-entered from a ledger: the history has the change, not who typed it.
    from stations.models import EmploymentStatusChange

    resident = ResidentFactory(community=community)
    EmploymentStatusChange.objects.create(
        resident=resident, status="employed", changed_on=dt.date(2025, 6, 11), note="台账补录"
    )

    response = staff_client.get(_detail(resident))

    assert response.status_code == 200
    assert "台账补录" in response.content.decode()


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


def test_record_page_links_to_the_matching_jobs_of_the_resident(client, community_staff, community):
    from django.urls import reverse

    from tests.factories import ResidentFactory

    resident = ResidentFactory(community=community)
    client.force_login(community_staff)
    page = client.get(reverse("stations:resident_detail", args=[resident.pk])).content.decode()
    assert reverse("jobs:resident_matches", kwargs={"resident_pk": resident.pk}) in page


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


# --- a closed month ----------------------------------------------------------------------------


def test_the_record_page_shows_the_refusal_in_chinese_with_a_link_to_ask_for_a_correction(
    staff_client, community, closed, month
):
    data = registration_data(registered_on=day_in(month).isoformat(), community=community.pk, wants_training="unknown")
    with translation.override("zh-hans"):
        response = staff_client.post(reverse("stations:resident_create"), data, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    page = response.content.decode()
    assert f"{month.label}" in page and "已关账" in page
    assert reverse("reports:correction_new") + "?t=" in page
    assert not Resident.objects.exists()
