import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from partnerships.models import (
    ExamplePhoto,
    ExampleStatus,
    TypicalExample,
)
from partnerships.services import examples as services
from partnerships.services.examples import typical_example_save, typical_example_transition
from stations.closed_months import ClosedMonthError
from stations.models import AuditAction, AuditEntry, Role
from tests.factories import UserFactory
from tests.factories.partnerships_examples import ExamplePhotoFactory, TypicalExampleFactory
from tests.factories.reports import close_month, day_in


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(data: bytes, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def image_bytes(fmt="JPEG", size=(64, 48), **save_kwargs) -> bytes:
    buffer = io.BytesIO()
    mode = "RGBA" if fmt == "PNG" else "RGB"
    Image.new(mode, size, (10, 120, 200, 255) if mode == "RGBA" else (10, 120, 200)).save(
        buffer, format=fmt, **save_kwargs
    )
    return buffer.getvalue()


def jpeg_with_gps_and_rotation() -> bytes:
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to display
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (34.0, 51.0, 50.0)
    exif[0x010F] = "PhoneMaker"
    return image_bytes(size=(80, 40), exif=exif.tobytes())


def draft(community, **kwargs):
    return TypicalExampleFactory(community=community, **kwargs)


# --- drafts -------------------------------------------------------------------


def test_staff_save_a_draft_in_their_community_with_an_audit_entry(community, community_staff):
    example = TypicalExample(
        community=community, kind="leader", title="带头人", person_name="李书记", summary="s", story="t"
    )
    services.typical_example_save(actor=community_staff, example=example)
    example.refresh_from_db()
    assert example.status == ExampleStatus.DRAFT and example.created_by == community_staff
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, object_id=str(example.pk)).exists()


def test_a_draft_cannot_be_put_in_a_community_outside_the_area(other_community, community_staff):
    example = TypicalExample(
        community=other_community, kind="leader", title="带头人", person_name="李书记", summary="s", story="t"
    )
    with pytest.raises(ValidationError) as exc:
        services.typical_example_save(actor=community_staff, example=example)
    assert "community" in exc.value.message_dict


def test_a_published_example_cannot_be_edited(community, community_staff):
    example = draft(community, published=True)
    example.title = "改过的标题"
    with pytest.raises(ValidationError, match="withdraw"):
        services.typical_example_save(actor=community_staff, example=example)


def test_saving_does_not_let_a_form_change_the_status(community, community_staff):
    example = draft(community)
    example.status = ExampleStatus.PUBLISHED
    services.typical_example_save(actor=community_staff, example=example)
    example.refresh_from_db()
    assert example.status == ExampleStatus.DRAFT


# --- workflow -----------------------------------------------------------------


def test_submit_needs_the_written_consent(community, community_staff):
    example = draft(community, consent_on_file=False)
    with pytest.raises(ValidationError) as exc:
        services.typical_example_transition(actor=community_staff, example=example, step="submit")
    assert "consent_on_file" in exc.value.message_dict


def test_submit_then_publish_sets_date_reviewer_and_audits_each_step(community, community_staff, city_bureau):
    example = draft(community)
    services.typical_example_transition(actor=community_staff, example=example, step="submit")
    published = services.typical_example_transition(actor=city_bureau, example=example, step="publish")
    assert published.status == ExampleStatus.PUBLISHED
    assert published.published_at is not None and published.reviewed_by == city_bureau
    assert AuditEntry.objects.filter(action=AuditAction.TRANSITION, object_id=str(example.pk)).count() == 2


def test_only_the_city_bureau_publishes(community, district_bureau):
    example = draft(community, submitted=True)
    with pytest.raises(PermissionDenied):
        services.typical_example_transition(actor=district_bureau, example=example, step="publish")


def test_returning_needs_a_note(community, city_bureau):
    example = draft(community, submitted=True)
    with pytest.raises(ValidationError) as exc:
        services.typical_example_transition(actor=city_bureau, example=example, step="return", note="  ")
    assert "note" in exc.value.message_dict


def test_a_returned_example_keeps_the_note_and_can_be_resubmitted(community, community_staff, city_bureau):
    example = draft(community, submitted=True)
    services.typical_example_transition(actor=city_bureau, example=example, step="return", note="请补充照片")
    example.refresh_from_db()
    assert example.status == ExampleStatus.RETURNED and example.review_note == "请补充照片"
    services.typical_example_transition(actor=community_staff, example=example, step="submit")
    example.refresh_from_db()
    assert example.status == ExampleStatus.SUBMITTED


def test_a_step_from_the_wrong_state_is_refused(community, city_bureau):
    example = draft(community)
    with pytest.raises(ValidationError, match="cannot"):
        services.typical_example_transition(actor=city_bureau, example=example, step="publish")


def test_withdraw_takes_a_published_example_off_and_keeps_its_date(community, city_bureau):
    example = draft(community, published=True)
    withdrawn = services.typical_example_transition(actor=city_bureau, example=example, step="withdraw")
    assert withdrawn.status == ExampleStatus.WITHDRAWN and withdrawn.published_at is not None


def test_a_step_on_an_example_out_of_scope_is_refused(other_community, community_staff):
    example = draft(other_community)
    with pytest.raises(PermissionDenied):
        services.typical_example_transition(actor=community_staff, example=example, step="submit")


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("story", "她的身份证号是37040219800101123X，现在物业公司上班。"),
        ("summary", "联系电话13863205678"),
        ("summary", "联系电话 138 6320 5678"),
        ("person_name", "王师傅13863205678"),
    ],
)
def test_submit_refuses_an_id_or_mobile_number_in_the_text(community, community_staff, field, text):
    example = draft(community, **{field: text})
    with pytest.raises(ValidationError) as exc:
        services.typical_example_transition(actor=community_staff, example=example, step="submit")
    assert "never published" in exc.value.message_dict[field][0]
    example.refresh_from_db()
    assert example.status == ExampleStatus.DRAFT


def test_publish_refuses_an_id_number_in_a_submitted_story(community, city_bureau):
    example = draft(community, submitted=True, story="身份证370402198001011234，已就业。")
    with pytest.raises(ValidationError) as exc:
        services.typical_example_transition(actor=city_bureau, example=example, step="publish")
    assert "story" in exc.value.message_dict
    example.refresh_from_db()
    assert example.status == ExampleStatus.SUBMITTED


def test_other_numbers_in_a_story_are_accepted(community, community_staff):
    example = draft(community, story="2023年带动12个家庭就业，月收入提高到3000元，服务热线0632-12345。")
    submitted = services.typical_example_transition(actor=community_staff, example=example, step="submit")
    assert submitted.status == ExampleStatus.SUBMITTED


# --- photos -------------------------------------------------------------------


def test_a_photo_comes_out_as_jpeg_without_exif_and_upright(community, community_staff):
    example = draft(community)
    photo = services.example_photo_add(
        actor=community_staff, example=example, upload=upload(jpeg_with_gps_and_rotation()), caption="在驿站"
    )
    with photo.image.open("rb") as handle, Image.open(handle) as stored:
        assert stored.format == "JPEG"
        assert not stored.getexif() and "exif" not in stored.info
        # 80 x 40 with orientation 6 is shown (and stored) as 40 x 80.
        assert stored.size == (40, 80) == (photo.width, photo.height)


def test_the_stored_name_is_random_and_not_the_uploaders(community, community_staff):
    photo = services.example_photo_add(
        actor=community_staff, example=draft(community), upload=upload(image_bytes(), name="张三身份证.jpg")
    )
    assert "张三" not in photo.image.name and photo.image.name.startswith(f"examples/{photo.example_id}/")


def test_a_png_with_transparency_is_accepted_as_jpeg(community, community_staff):
    photo = services.example_photo_add(
        actor=community_staff, example=draft(community), upload=upload(image_bytes("PNG"), name="a.png")
    )
    with photo.image.open("rb") as handle, Image.open(handle) as stored:
        assert stored.format == "JPEG" and stored.mode == "RGB"


def test_a_large_photo_is_scaled_to_1600_on_the_long_side(community, community_staff):
    photo = services.example_photo_add(
        actor=community_staff, example=draft(community), upload=upload(image_bytes(size=(3200, 1200)))
    )
    assert (photo.width, photo.height) == (1600, 600)


def test_a_text_file_named_jpg_is_refused(community, community_staff):
    with pytest.raises(ValidationError) as exc:
        services.example_photo_add(
            actor=community_staff, example=draft(community), upload=upload(b"not a picture at all\n" * 20)
        )
    assert "image" in exc.value.message_dict
    assert not ExamplePhoto.objects.exists()


def test_a_gif_is_refused(community, community_staff):
    with pytest.raises(ValidationError, match="JPEG, PNG or WebP"):
        services.example_photo_add(
            actor=community_staff, example=draft(community), upload=upload(image_bytes("GIF"), name="a.gif")
        )


def test_a_huge_dimension_image_is_refused_before_decoding(community, community_staff):
    # A small file (a 1-bit PNG of one colour) that decodes to 400 megapixels.
    buffer = io.BytesIO()
    Image.new("1", (20000, 20000)).save(buffer, format="PNG", optimize=True)
    data = buffer.getvalue()
    assert len(data) < 200_000
    with pytest.raises(ValidationError, match="too many pixels"):
        services.example_photo_add(actor=community_staff, example=draft(community), upload=upload(data, "b.png"))


def test_a_file_over_8_mb_is_refused(community, community_staff):
    big = upload(b"\xff\xd8" + b"0" * (8 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError, match="8 MB"):
        services.example_photo_add(actor=community_staff, example=draft(community), upload=big)


def test_at_most_six_photos(community, community_staff):
    example = draft(community)
    ExamplePhotoFactory.create_batch(6, example=example)
    with pytest.raises(ValidationError, match="6 photos"):
        services.example_photo_add(actor=community_staff, example=example, upload=upload(image_bytes()))


def test_photos_of_a_published_example_cannot_be_added(community, community_staff):
    with pytest.raises(ValidationError, match="withdraw"):
        services.example_photo_add(
            actor=community_staff, example=draft(community, published=True), upload=upload(image_bytes())
        )


def test_removing_a_photo_deletes_the_row_and_audits(community, community_staff):
    photo = ExamplePhotoFactory(example=draft(community))
    services.example_photo_remove(actor=community_staff, photo=photo)
    assert not ExamplePhoto.objects.filter(pk=photo.pk).exists()
    assert AuditEntry.objects.filter(action=AuditAction.REMOVE).exists()


# --- closed months: typical examples ----------------------------------------
def test_an_example_published_in_a_closed_month_cannot_be_published_again_later(city_officer, community, month):
    published = timezone.make_aware(dt.datetime.combine(day_in(month), dt.time(10)))
    example = TypicalExampleFactory(community=community, status=ExampleStatus.SUBMITTED, published_at=published)
    close_month(community=community)
    with pytest.raises(ClosedMonthError):
        typical_example_transition(actor=city_officer, example=example, step="publish")
    example.refresh_from_db()
    assert example.published_at == published


def test_a_withdrawn_example_cannot_move_to_another_community(community_staff, community, sibling_community, month):
    published = timezone.make_aware(dt.datetime.combine(day_in(month), dt.time(10)))
    example = TypicalExampleFactory(community=community, status=ExampleStatus.WITHDRAWN, published_at=published)
    close_month(community=community, by=community_staff)
    street = UserFactory(role=Role.STREET_OFFICER, community=None, street=community.street)
    example.community = sibling_community
    with pytest.raises(ClosedMonthError):
        typical_example_save(actor=street, example=example)
