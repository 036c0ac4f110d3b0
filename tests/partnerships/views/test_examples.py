import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from partnerships.models import ExamplePhoto, ExampleStatus, TypicalExample
from tests.factories.partnerships_examples import ExamplePhotoFactory, TypicalExampleFactory
from tests.partnerships.query_params import bad_filter_cases, client_as


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def jpeg(size=(60, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 90, 150)).save(buffer, format="JPEG")
    return buffer.getvalue()


# --- staff pages --------------------------------------------------------------


def test_list_shows_examples_in_scope_only(staff_client, community, far_community):
    TypicalExampleFactory(community=community, title="本社区的故事")
    TypicalExampleFactory(community=far_community, title="别处的故事")
    body = staff_client.get(reverse("partnerships:example_list")).content.decode()
    assert "本社区的故事" in body and "别处的故事" not in body


def test_list_filters_by_status(staff_client, community):
    TypicalExampleFactory(community=community, title="草稿故事")
    TypicalExampleFactory(community=community, title="已发布故事", published=True)
    body = staff_client.get(reverse("partnerships:example_list"), {"status": "published"}).content.decode()
    assert "已发布故事" in body and "草稿故事" not in body


def test_city_queue_lists_only_submitted_examples(client, city_bureau, community):
    TypicalExampleFactory(community=community, title="等待审核", submitted=True)
    TypicalExampleFactory(community=community, title="还是草稿")
    client.force_login(city_bureau)
    body = client.get(reverse("partnerships:example_list"), {"queue": "1"}).content.decode()
    assert "等待审核" in body and "还是草稿" not in body


def test_create_form_autofocuses_the_first_field(staff_client):
    body = staff_client.get(reverse("partnerships:example_create")).content.decode()
    assert 'name="kind"' in body and "autofocus" in body


def test_creating_a_draft_redirects_to_its_page(staff_client, community):
    response = staff_client.post(
        reverse("partnerships:example_create"),
        {
            "kind": "startup_star",
            "title": "煎饼摊到连锁店",
            "person_name": "刘大姐",
            "community": community.pk,
            "summary": "从一个摊位做到三家门店。",
            "story": "在驿站申请了创业补贴。",
        },
    )
    example = TypicalExample.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "partnerships:example_detail", args=[example.pk]
    )


def test_a_bad_form_keeps_what_was_typed(staff_client, far_community):
    response = staff_client.post(
        reverse("partnerships:example_create"),
        {"kind": "leader", "title": "保留的标题", "person_name": "赵书记", "community": far_community.pk},
    )
    assert response.status_code == 200
    assert "保留的标题" in response.content.decode() and not TypicalExample.objects.exists()


def test_submit_without_consent_shows_why_on_the_page(staff_client, community):
    example = TypicalExampleFactory(community=community, consent_on_file=False)
    response = staff_client.post(reverse("partnerships:example_transition", args=[example.pk]), {"step": "submit"})
    assert response.status_code == 200
    assert "consent" in response.content.decode()
    example.refresh_from_db()
    assert example.status == ExampleStatus.DRAFT


def test_a_refused_step_names_the_examples_field_in_that_steps_alert(staff_client, community):
    example = TypicalExampleFactory(community=community, consent_on_file=False)
    response = staff_client.post(reverse("partnerships:example_transition", args=[example.pk]), {"step": "submit"})
    body = response.content.decode()
    alert = body[body.index('role="alert"') :]
    assert "written consent to publish is on file: Confirm that the person" in alert


def test_submit_with_a_mobile_number_in_the_summary_shows_why_on_the_page(staff_client, community):
    example = TypicalExampleFactory(community=community, summary="有意者请联系13863205678")
    response = staff_client.post(reverse("partnerships:example_transition", args=[example.pk]), {"step": "submit"})
    assert response.status_code == 200
    assert "Remove the mobile number" in response.content.decode()
    example.refresh_from_db()
    assert example.status == ExampleStatus.DRAFT


def test_return_without_note_keeps_the_page_and_says_so(client, city_bureau, community):
    example = TypicalExampleFactory(community=community, submitted=True)
    client.force_login(city_bureau)
    response = client.post(reverse("partnerships:example_transition", args=[example.pk]), {"step": "return"})
    assert response.status_code == 200 and "what should change" in response.content.decode().lower()


def test_city_publishes_from_the_detail_page(client, city_bureau, community):
    example = TypicalExampleFactory(community=community, submitted=True)
    client.force_login(city_bureau)
    response = client.post(reverse("partnerships:example_transition", args=[example.pk]), {"step": "publish"})
    assert response.status_code == 302
    example.refresh_from_db()
    assert example.status == ExampleStatus.PUBLISHED


def test_community_staff_cannot_publish(staff_client, community):
    example = TypicalExampleFactory(community=community, submitted=True)
    response = staff_client.post(reverse("partnerships:example_transition", args=[example.pk]), {"step": "publish"})
    assert response.status_code == 403


def test_editing_a_published_example_is_turned_away_with_a_message(staff_client, community):
    example = TypicalExampleFactory(community=community, published=True)
    response = staff_client.get(reverse("partnerships:example_update", args=[example.pk]), follow=True)
    assert "cannot be changed" in response.content.decode()


def test_uploading_a_photo_from_the_detail_page(staff_client, community):
    example = TypicalExampleFactory(community=community)
    response = staff_client.post(
        reverse("partnerships:example_photo_add", args=[example.pk]),
        {"image": SimpleUploadedFile("a.jpg", jpeg(), content_type="image/jpeg"), "caption": "在工位上"},
    )
    assert response.status_code == 302 and example.photos.get().caption == "在工位上"


def test_a_refused_upload_keeps_the_caption_and_explains(staff_client, community):
    example = TypicalExampleFactory(community=community)
    response = staff_client.post(
        reverse("partnerships:example_photo_add", args=[example.pk]),
        {"image": SimpleUploadedFile("a.jpg", b"hello, not an image", content_type="image/jpeg"), "caption": "留着"},
    )
    body = response.content.decode()
    assert response.status_code == 200 and "JPEG, PNG or WebP" in body and 'value="留着"' in body


def test_staff_photo_is_served_privately_as_jpeg(staff_client, community):
    photo = ExamplePhotoFactory(example=TypicalExampleFactory(community=community))
    response = staff_client.get(reverse("partnerships:example_photo", args=[photo.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline")
    assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"]


def test_staff_photo_out_of_scope_is_404(staff_client, far_community):
    photo = ExamplePhotoFactory(example=TypicalExampleFactory(community=far_community, published=True))
    assert staff_client.get(reverse("partnerships:example_photo", args=[photo.pk])).status_code == 404


def test_example_out_of_scope_is_404(staff_client, far_community):
    example = TypicalExampleFactory(community=far_community)
    assert staff_client.get(reverse("partnerships:example_detail", args=[example.pk])).status_code == 404


def test_removing_a_photo(staff_client, community):
    photo = ExamplePhotoFactory(example=TypicalExampleFactory(community=community))
    response = staff_client.post(reverse("partnerships:example_photo_remove", args=[photo.pk]))
    assert response.status_code == 302 and not ExamplePhoto.objects.exists()


def test_the_staff_list_takes_a_fixed_number_of_queries(staff_client, community, django_assert_max_num_queries):
    TypicalExampleFactory.create_batch(8, community=community)
    with django_assert_max_num_queries(12):
        staff_client.get(reverse("partnerships:example_list"))


# --- bad filter values ---------------------------------------------------------------------------
BAD_FILTER_PAGES = [("partnerships:example_list", "community_staff", ["community", "page"])]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role", "param", "value"), bad_filter_cases(BAD_FILTER_PAGES))
def test_a_bad_filter_value_on_a_page_is_ignored(client, request, some_records, name, role, param, value):
    assert client_as(client, request, role).get(reverse(name), {param: value}).status_code == 200
