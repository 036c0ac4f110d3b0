import pytest

from entrepreneurship.models import ApplicationStatus
from tests.factories import ResidentFactory
from tests.factories.entrepreneurship import BusinessFactory, StartupProjectFactory, SubsidyApplicationFactory

pytestmark = pytest.mark.django_db


def test_staff_file_and_submit_an_application_through_the_api(client, community_staff, community):
    founder = ResidentFactory(community=community)
    shop = BusinessFactory(community=community, founders=[founder])
    client.force_login(community_staff)
    created = client.post(
        "/api/v1/startup/applications/",
        {"kind": "startup", "resident": founder.pk, "business": shop.pk},
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["requested_amount"] == "2000.00"
    submitted = client.post(
        f"/api/v1/startup/applications/{created.json()['id']}/transition/",
        {"transition": "submit"},
        content_type="application/json",
    )
    assert submitted.json()["status"] == ApplicationStatus.SUBMITTED


def test_skipping_a_step_through_the_api_answers_400(client, district_bureau, community):
    application = SubsidyApplicationFactory(resident=ResidentFactory(community=community), status="submitted")
    client.force_login(district_bureau)
    response = client.post(
        f"/api/v1/startup/applications/{application.pk}/transition/",
        {"transition": "approve"},
        content_type="application/json",
    )
    assert response.status_code == 400


def test_loan_over_the_limit_answers_400_with_the_field(client, community_staff, community):
    founder = ResidentFactory(community=community)
    client.force_login(community_staff)
    response = client.post(
        "/api/v1/startup/loans/",
        {
            "borrower_kind": "individual",
            "resident": founder.pk,
            "bank": "枣庄银行",
            "amount": "900000",
            "term_months": 12,
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "amount" in response.json()["errors"]


def test_application_of_another_community_is_404(client, other_community_staff, community):
    application = SubsidyApplicationFactory(resident=ResidentFactory(community=community))
    client.force_login(other_community_staff)
    assert client.get(f"/api/v1/startup/applications/{application.pk}/").status_code == 404


def test_project_catalogue_is_public(client, district):
    StartupProjectFactory(district=district, title="社区早餐车")
    response = client.get("/api/v1/startup/projects/")
    assert response.status_code == 200
    assert response.json()["results"][0]["title"] == "社区早餐车"


def test_second_startup_subsidy_through_the_api_answers_400_naming_the_first(client, community_staff, community):
    from tests.factories.entrepreneurship import paid_application

    founder = ResidentFactory(community=community)
    first = paid_application(
        resident=founder, business=BusinessFactory(community=community, founders=[founder], name="赵记茶铺")
    )
    second_shop = BusinessFactory(community=community, founders=[founder])
    client.force_login(community_staff)
    response = client.post(
        "/api/v1/startup/applications/",
        {"kind": "startup", "resident": founder.pk, "business": second_shop.pk},
        content_type="application/json",
    )
    assert response.status_code == 400
    message = response.json()["errors"]["resident"][0]
    assert str(first.pk) in message and "赵记茶铺" in message
