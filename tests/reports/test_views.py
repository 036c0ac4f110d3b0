import pytest
from django.urls import reverse

from reports.models import ReportRequest, ReportStatus, SatisfactionResponse
from reports.services import monthly_reports_schedule
from tests.factories import StationFactory

pytestmark = pytest.mark.django_db


def test_city_bureau_asks_for_a_workbook_and_downloads_it(
    client, city_bureau, community, django_capture_on_commit_callbacks
):
    client.force_login(city_bureau)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:report_list"), {"node": "city", "period": "2026-10"})
    report = ReportRequest.objects.get()
    assert response.url == reverse("reports:report_detail", args=[report.pk])
    assert report.status == ReportStatus.DONE  # Celery runs eagerly without a broker
    download = client.get(reverse("reports:report_download", args=[report.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")


def test_district_officer_cannot_build_the_city_workbook(client, district_bureau):
    client.force_login(district_bureau)
    response = client.post(reverse("reports:report_list"), {"node": "city", "period": "2026-10"})
    assert response.status_code == 200
    assert not ReportRequest.objects.exists()


def test_district_officer_asking_for_the_city_is_told_it_is_outside_their_area(client, district_bureau):
    client.force_login(district_bureau)
    client.cookies["django_language"] = "en"
    response = client.post(reverse("reports:report_list"), {"node": "city", "period": "2026-10"})
    assert "You can only build reports for your own area." in response.content.decode()


def test_district_officer_cannot_build_another_districts_workbook(client, district_bureau, other_district):
    client.force_login(district_bureau)
    client.post(reverse("reports:report_list"), {"node": other_district.code, "period": "2026-10"})
    assert not ReportRequest.objects.exists()


def test_bad_period_is_explained(client, city_bureau):
    client.force_login(city_bureau)
    response = client.post(reverse("reports:report_list"), {"node": "city", "period": "October"})
    assert "2026-10" in response.content.decode()
    assert not ReportRequest.objects.exists()


def test_monthly_schedule_builds_each_district_and_the_city_once(
    district, other_district, django_capture_on_commit_callbacks
):
    import datetime as dt

    with django_capture_on_commit_callbacks(execute=True):
        first = monthly_reports_schedule(today=dt.date(2026, 11, 1))
    again = monthly_reports_schedule(today=dt.date(2026, 11, 1))
    assert len(first) == 3 and again == []
    assert set(ReportRequest.objects.values_list("period_label", flat=True)) == {"2026-10"}
    assert all(r.status == ReportStatus.DONE for r in ReportRequest.objects.all())


def test_district_sees_the_scheduled_workbook_of_its_district_only(client, district_bureau, district, other_district):
    import datetime as dt

    monthly_reports_schedule(today=dt.date(2026, 11, 1))
    client.force_login(district_bureau)
    listed = client.get(reverse("reports:report_list")).context["reports"]
    assert [r.node_code for r in listed] == [district.code]


def test_dashboard_and_bulletin_render_for_the_city(client, city_bureau, community):
    client.force_login(city_bureau)
    assert client.get(reverse("reports:dashboard"), {"period": "2026-10"}).status_code == 200
    bulletin = client.get(reverse("reports:bulletin"), {"period": "2026-10"})
    assert bulletin.status_code == 200


def test_street_officer_cannot_open_the_city_dashboard(client, street_officer):
    client.force_login(street_officer)
    assert client.get(reverse("reports:dashboard"), {"node": "city"}).status_code == 404


def _answer(response):
    import re

    question = response.context["form"].fields["answer"].label
    a, b = map(int, re.findall(r"\d+", str(question))[:2])
    return a + b, response.context["form"].initial.get("challenge") or response.context["form"].data.get("challenge")


def test_resident_rates_a_station_without_an_account(client, community):
    station = StationFactory(community=community)
    url = reverse("reports_public:survey", args=[station.pk])
    answer, token = _answer(client.get(url))
    response = client.post(url, {"rating": 4, "comment": "服务很好", "answer": answer, "challenge": token})
    assert response.status_code == 302
    assert SatisfactionResponse.objects.get().rating == 4


def test_wrong_challenge_answer_keeps_the_rating_and_comment(client, community):
    station = StationFactory(community=community)
    url = reverse("reports_public:survey", args=[station.pk])
    _answer_value, token = _answer(client.get(url))
    response = client.post(url, {"rating": 4, "comment": "服务很好", "answer": 999, "challenge": token})
    assert response.status_code == 200
    assert "服务很好" in response.content.decode()
    assert not SatisfactionResponse.objects.exists()


def test_survey_is_rate_limited_per_address(client, community):
    from django.core.cache import cache

    from reports.views import SURVEY_LIMIT_PER_HOUR

    cache.clear()
    station = StationFactory(community=community)
    url = reverse("reports_public:survey", args=[station.pk])
    for _i in range(SURVEY_LIMIT_PER_HOUR + 2):
        answer, token = _answer(client.get(url))
        client.post(url, {"rating": 5, "answer": answer, "challenge": token})
    assert SatisfactionResponse.objects.count() == SURVEY_LIMIT_PER_HOUR


def test_station_survey_sheet_carries_a_qr_code_of_the_survey_address(client, community_staff, community):
    station = StationFactory(community=community)
    client.force_login(community_staff)
    page = client.get(reverse("reports:survey_sheet", args=[station.pk])).content.decode()
    assert "<svg" in page
    assert reverse("reports_public:survey", args=[station.pk]) in page


def test_survey_results_list_the_stations_in_scope(client, community_staff, community, far_community):
    StationFactory(community=community, name="本社区驿站")
    StationFactory(community=far_community, name="外区驿站")
    client.force_login(community_staff)
    page = client.get(reverse("reports:survey_results")).content.decode()
    assert "本社区驿站" in page and "外区驿站" not in page


def test_community_figures_link_to_the_records_behind_them(client, street_officer, community):
    from tests.factories import ResidentFactory

    ResidentFactory(community=community)
    client.force_login(street_officer)
    page = client.get(reverse("reports:dashboard"), {"node": community.street.code, "period": "2026"})
    assert f"/staff/residents/?community={community.pk}" in page.content.decode()


def test_a_workbook_asked_for_while_the_broker_is_down_is_saved_and_waits_for_a_worker(
    client, city_bureau, community, unreachable_broker, django_capture_on_commit_callbacks
):
    client.force_login(city_bureau)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:report_list"), {"node": "city", "period": "2026-10"})
    report = ReportRequest.objects.get()
    assert response.status_code == 302 and report.status == ReportStatus.QUEUED
    client.cookies["django_language"] = "en"
    page = client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    assert "Waiting for a worker" in page and 'http-equiv="refresh"' in page
    listing = client.get(reverse("reports:report_list")).content.decode()
    assert "Waiting for a worker" in listing


def test_a_failed_workbook_says_so_offers_try_again_and_promises_no_refresh(client, city_bureau):
    from tests.factories.reports import ReportRequestFactory

    report = ReportRequestFactory(status=ReportStatus.FAILED, error="无法连接数据库。")
    client.force_login(city_bureau)
    page = client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    assert "无法连接数据库。" in page
    assert reverse("reports:report_retry", args=[report.pk]) in page
    assert "http-equiv" not in page


def test_try_again_builds_a_failed_workbook(client, city_bureau, community, django_capture_on_commit_callbacks):
    from tests.factories.reports import ReportRequestFactory

    report = ReportRequestFactory(status=ReportStatus.FAILED, error="x")
    client.force_login(city_bureau)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:report_retry", args=[report.pk]))
    assert response.url == reverse("reports:report_detail", args=[report.pk])
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE and report.error == ""


def test_try_again_on_a_workbook_that_did_not_fail_changes_nothing(client, city_bureau, community):
    from tests.factories.reports import ReportRequestFactory

    report = ReportRequestFactory(status=ReportStatus.DONE)
    client.force_login(city_bureau)
    client.post(reverse("reports:report_retry", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE


def test_try_again_on_another_districts_workbook_is_not_found(client, district_bureau, far_community):
    from tests.factories.reports import ReportRequestFactory

    report = ReportRequestFactory(community=far_community, status=ReportStatus.FAILED)
    client.force_login(district_bureau)
    assert client.post(reverse("reports:report_retry", args=[report.pk])).status_code == 404
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED


def test_city_bureau_builds_a_workbook_for_a_single_community(
    client, city_bureau, community, django_capture_on_commit_callbacks
):
    client.force_login(city_bureau)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:report_list"), {"node": community.code, "period": "2026-10"})
    report = ReportRequest.objects.get()
    assert (report.node_code, report.community) == (community.code, community)
    assert report.status == ReportStatus.DONE
