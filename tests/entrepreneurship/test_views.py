import datetime as dt

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from entrepreneurship.models import ApplicationStatus, Business, GuaranteeLoan, SubsidyApplication
from stations.models import AuditEntry
from tests.factories import ResidentFactory
from tests.factories.entrepreneurship import (
    BusinessFactory,
    IncubationSpaceFactory,
    StartupEventFactory,
    StartupProjectFactory,
    SubsidyApplicationFactory,
    valid_credit_code,
)

pytestmark = pytest.mark.django_db


def _business_form(community, founder, **fields) -> dict:
    """The business form as community staff fill it in for a breakfast shop."""
    return {
        "kind": "individual_business",
        "name": "光明路早餐店",
        "registered_on": dt.date.today().isoformat(),
        "community": community.pk,
        "founders": [founder.pk],
        **fields,
    }


def test_community_staff_registers_a_business_with_its_founder(client, community_staff, community):
    founder = ResidentFactory(community=community)
    client.force_login(community_staff)
    response = client.post(
        reverse("entrepreneurship:business_create"),
        _business_form(community, founder, credit_code=valid_credit_code(7), jobs_created=2),
    )
    business = Business.objects.get(name="光明路早餐店")
    assert response.status_code == 302
    assert list(business.founders.all()) == [founder]


def test_bad_credit_code_is_explained_and_the_form_keeps_what_was_typed(client, community_staff, community):
    founder = ResidentFactory(community=community)
    client.force_login(community_staff)
    response = client.post(
        reverse("entrepreneurship:business_create"),
        _business_form(community, founder, credit_code="91350100M000100Y44", jobs_created=0),
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "光明路早餐店" in content
    assert "check character" in content or "校验" in content


def test_application_page_shows_the_eligibility_checks(client, community_staff, community):
    founder = ResidentFactory(community=community)
    shop = BusinessFactory(community=community, founders=[founder])
    client.force_login(community_staff)
    response = client.post(
        reverse("entrepreneurship:application_create"),
        {"kind": "startup", "resident": founder.pk, "business": shop.pk},
    )
    application = SubsidyApplication.objects.get()
    assert response.url == reverse("entrepreneurship:application_detail", args=[application.pk])
    page = client.get(response.url).content.decode()
    assert founder.name in page
    assert "passed" in page or "通过" in page


def test_district_approves_from_the_application_page(
    client, community_staff, street_officer, district_bureau, community
):
    founder = ResidentFactory(community=community)
    shop = BusinessFactory(community=community, founders=[founder])
    application = SubsidyApplicationFactory(
        kind="startup", resident=founder, business=shop, requested_amount=2000, created_by=community_staff
    )
    url = reverse("entrepreneurship:application_detail", args=[application.pk])
    for user, step in ((community_staff, "submit"), (street_officer, "street_check"), (district_bureau, "approve")):
        client.force_login(user)
        assert client.post(url, {"transition": step, "approved_amount": "2000"}).status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED


def test_refused_step_shows_the_reason_on_the_page(client, district_bureau, community):
    application = SubsidyApplicationFactory(resident=ResidentFactory(community=community), status="street_checked")
    client.force_login(district_bureau)
    response = client.post(
        reverse("entrepreneurship:application_detail", args=[application.pk]), {"transition": "reject"}
    )
    assert response.status_code == 200
    assert "rejection_reason" in response.context["transition_form"].errors


def test_loan_over_the_limit_is_refused_with_a_clear_message(client, community_staff, community):
    founder = ResidentFactory(community=community)
    client.force_login(community_staff)
    response = client.post(
        reverse("entrepreneurship:loan_create"),
        {
            "borrower_kind": "individual",
            "resident": founder.pk,
            "bank": "枣庄银行",
            "amount": "800000",
            "term_months": 24,
            "rate_discount_percent": "0",
            "status": "applied",
            "repayment_status": "not_due",
        },
    )
    assert response.status_code == 200
    assert "500,000" in response.content.decode()
    assert not GuaranteeLoan.objects.exists()


def test_award_register_downloads_only_awards_in_scope(client, district_bureau, community, far_community):
    mine = SubsidyApplicationFactory(
        resident=ResidentFactory(community=community, name="本区获奖人"), status="approved", approved_amount=2000
    )
    SubsidyApplicationFactory(
        resident=ResidentFactory(community=far_community, name="外区获奖人"), status="approved", approved_amount=2000
    )
    client.force_login(district_bureau)
    response = client.get(reverse("entrepreneurship:award_export"))
    rows = list(load_workbook(__import__("io").BytesIO(response.content)).active.iter_rows(values_only=True))
    names = [row[4] for row in rows[1:]]
    assert names == [mine.resident.name]
    assert rows[1][5] == mine.resident.masked_id_number


def test_review_queue_lists_what_waits_for_the_street(client, street_officer, community):
    SubsidyApplicationFactory(resident=ResidentFactory(community=community, name="待审核人"), status="submitted")
    client.force_login(street_officer)
    assert "待审核人" in client.get(reverse("entrepreneurship:overview")).content.decode()


def test_space_occupancy_shows_actual_share_against_reserved(client, community_staff, community):
    space = IncubationSpaceFactory(community=community, units=10, reserved_share_percent=30)
    client.force_login(community_staff)
    url = reverse("entrepreneurship:space_detail", args=[space.pk])
    client.post(url, {"recorded_on": dt.date.today().isoformat(), "occupied_units": 8, "priority_group_units": 2})
    assert "25.0%" in client.get(url).content.decode()


def test_public_startup_page_shows_only_published_material(client, district):
    StartupProjectFactory(district=district, title="社区早餐车")
    StartupProjectFactory(district=district, title="未发布项目", state="draft")
    StartupEventFactory(district=district, title="创业沙龙第一期")
    content = client.get(reverse("entrepreneurship_public:home")).content.decode()
    assert "社区早餐车" in content and "创业沙龙第一期" in content
    assert "未发布项目" not in content


def test_lists_use_a_fixed_number_of_queries(client, community_staff, community, django_assert_max_num_queries):
    for _ in range(5):
        founder = ResidentFactory(community=community)
        BusinessFactory(community=community, founders=[founder])
        SubsidyApplicationFactory(resident=founder)
    client.force_login(community_staff)
    with django_assert_max_num_queries(12):
        client.get(reverse("entrepreneurship:business_list"))
    with django_assert_max_num_queries(12):
        client.get(reverse("entrepreneurship:application_list"))


def _founder_paid_twice(community):
    from tests.factories.entrepreneurship import paid_application

    founder = ResidentFactory(community=community, name="王两次")
    first = paid_application(
        resident=founder,
        business=BusinessFactory(community=community, founders=[founder], name="王记早餐店", kind="micro_enterprise"),
        paid_on=dt.date(2025, 3, 1),
    )
    second = paid_application(
        resident=founder,
        business=BusinessFactory(community=community, founders=[founder], name="王记洗衣店"),
        paid_on=dt.date(2025, 6, 1),
        amount="2000",
        legacy_duplicate=True,
    )
    return first, second


def test_second_startup_subsidy_on_the_staff_form_is_refused_naming_the_first(client, community_staff, community):
    founder = ResidentFactory(community=community, name="李创业")
    first_shop = BusinessFactory(community=community, founders=[founder], name="李记面馆")
    second_shop = BusinessFactory(community=community, founders=[founder], name="李记超市")
    from tests.factories.entrepreneurship import paid_application

    first = paid_application(resident=founder, business=first_shop, amount="2000")
    client.force_login(community_staff)
    response = client.post(
        reverse("entrepreneurship:application_create"),
        {"kind": "startup", "resident": founder.pk, "business": second_shop.pk},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["resident"][0]
    assert str(first.pk) in errors and "李记面馆" in errors
    assert SubsidyApplication.objects.filter(business=second_shop).count() == 0


def test_bureau_lists_payments_that_broke_the_once_only_rule(
    client, district_bureau, community, django_assert_max_num_queries
):
    first, second = _founder_paid_twice(community)
    client.force_login(district_bureau)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("entrepreneurship:breach_list"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "王两次" in body and "王记洗衣店" in body and "王记早餐店" in body
    assert response.context["rows"][0][0].pk == second.pk and response.context["rows"][0][1].pk == first.pk


def test_breach_list_changes_nothing(client, district_bureau, community):
    first, second = _founder_paid_twice(community)
    client.force_login(district_bureau)
    client.get(reverse("entrepreneurship:breach_list"))
    client.get(reverse("entrepreneurship:breach_export"))
    assert set(SubsidyApplication.objects.values_list("status", flat=True)) == {"paid"}
    assert SubsidyApplication.objects.filter(legacy_duplicate=True).get() == second


def test_breach_download_has_a_row_per_repeated_payment(client, city_bureau, community):
    import io

    first, second = _founder_paid_twice(community)
    client.force_login(city_bureau)
    response = client.get(reverse("entrepreneurship:breach_export"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2
    assert rows[1][3] == second.pk and rows[1][11] == first.pk


def test_street_officer_cannot_open_the_breach_list(client, street_officer):
    client.force_login(street_officer)
    assert client.get(reverse("entrepreneurship:breach_list")).status_code == 403
    assert client.get(reverse("entrepreneurship:breach_export")).status_code == 403


def test_application_page_warns_while_another_application_holds_the_slot(client, district_bureau, community):
    first, second = _founder_paid_twice(community)
    client.force_login(district_bureau)
    body = client.get(reverse("entrepreneurship:application_detail", args=[second.pk])).content.decode()
    assert f"{first.pk}" in body and "王记早餐店" in body


def test_the_application_prints_as_a_form_with_signature_lines(client, community_staff, community):
    application = SubsidyApplicationFactory(resident=ResidentFactory(community=community))
    client.force_login(community_staff)
    response = client.get(reverse("entrepreneurship:application_print", args=[application.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert application.resident.name in body and application.resident.masked_id_number in body
    assert body.count('class="signature"') == 4
    assert 'class="staff-header"' not in body


def test_printing_an_application_is_recorded_as_an_export(client, community_staff, community):
    application = SubsidyApplicationFactory(resident=ResidentFactory(community=community))
    client.force_login(community_staff)
    client.get(reverse("entrepreneurship:application_print", args=[application.pk]))
    assert AuditEntry.objects.filter(action="export", object_id=str(application.pk)).exists()


def test_an_application_of_another_community_does_not_print(client, community_staff, other_community):
    application = SubsidyApplicationFactory(resident=ResidentFactory(community=other_community))
    client.force_login(community_staff)
    assert client.get(reverse("entrepreneurship:application_print", args=[application.pk])).status_code == 404


def test_the_application_page_links_to_its_print_form(client, community_staff, community):
    application = SubsidyApplicationFactory(resident=ResidentFactory(community=community))
    client.force_login(community_staff)
    page = client.get(reverse("entrepreneurship:application_detail", args=[application.pk])).content.decode()
    assert reverse("entrepreneurship:application_print", args=[application.pk]) in page
