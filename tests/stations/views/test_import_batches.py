"""The pages every import shares (stations/views/import_batches.py), shown
through the resident ledger; tests/jobs/views/test_employer_imports.py runs
the same pages for the employers."""

from django.urls import reverse

from stations.imports import services as import_services
from stations.models import ImportStatus, ResidentImportBatch
from tests.stations.imports.conftest import bad_row, good_row, upload


def test_a_running_batch_shows_its_progress_with_a_link_back_to_its_upload_page(
    staff_client, community_staff, monkeypatch
):
    monkeypatch.setattr(import_services, "ASYNC_ROW_THRESHOLD", 2)
    batch = upload(community_staff, [good_row(n) for n in range(1, 4)])
    assert batch.is_running
    page = staff_client.get(reverse("stations:resident_import_detail", args=[batch.pk])).content.decode()
    assert 'http-equiv="refresh"' in page
    assert f'href="{reverse("stations:resident_import")}"' in page


def test_a_batch_with_problems_lists_each_by_row_with_a_cancel_button(staff_client, community_staff):
    batch = upload(community_staff, [good_row(1), bad_row(2)])
    response = staff_client.get(reverse("stations:resident_import_detail", args=[batch.pk]))
    assert response.context["bad_row_count"] == 1
    assert [e["row"] for e in response.context["errors_shown"]] == [3]
    assert reverse("stations:resident_import_cancel", args=[batch.pk]) in response.content.decode()


def test_a_refused_step_goes_back_to_the_batch_page_with_the_reason(staff_client, community_staff):
    batch = upload(community_staff, [good_row(1), bad_row(2)])
    response = staff_client.post(reverse("stations:resident_import_confirm", args=[batch.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("stations:resident_import_detail", args=[batch.pk])
    assert ResidentImportBatch.objects.get(pk=batch.pk).status == ImportStatus.INVALID
    assert list(response.context["messages"])


def test_a_cancelled_batch_goes_back_to_the_upload_page(staff_client, community_staff):
    batch = upload(community_staff, [good_row(1)])
    response = staff_client.post(reverse("stations:resident_import_cancel", args=[batch.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("stations:resident_import")
    assert ResidentImportBatch.objects.get(pk=batch.pk).status == ImportStatus.CANCELLED
    assert len(list(response.context["messages"])) == 1
