"""Write operations for typical examples (保障措施 二): drafts put forward by
staff, their photos, and the city bureau's review.

The review is `TypicalExample.workflow` (partnerships.models.examples),
taken here through `Workflow.apply`: it locks the example's row and re-reads
its state, so two reviewers acting at once cannot both decide it.
"""

from __future__ import annotations

import io
import re
import warnings

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, ImageOps, UnidentifiedImageError

from stations import closed_months
from stations.audit import audit_record, field_changes
from stations.models import AuditAction, User
from stations.services.common import lock_visible, require, require_community_in_scope

from ..models import ExamplePhoto, ExampleStatus, TypicalExample

EXAMPLE_FIELDS = ["community", "kind", "title", "person_name", "summary", "story", "consent_on_file"]

# Personal numbers that must never reach the public site: a resident ID (17
# digits and a check digit or X) and a mobile number, also written in groups
# (138 6320 5678, 138-6320-5678). \d also matches full-width digits.
ID_NUMBER_RE = re.compile(r"(?<!\d)\d{17}[\dXx](?![\dXx])")
MOBILE_RE = re.compile(r"(?<!\d)1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)")
# The published text fields, checked for those numbers.
PUBLISHED_TEXT_FIELDS = ("title", "person_name", "summary", "story")

MAX_PHOTOS = 6
MAX_PHOTO_BYTES = 8 * 1024 * 1024
# A 48-megapixel phone photo is about 8000 x 6000; anything larger is not a
# photo but an attempt to make the server decode gigabytes (a decompression bomb).
MAX_PHOTO_PIXELS = 50_000_000
MAX_PHOTO_SIDE = 1600
JPEG_QUALITY = 85
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}


def personal_number_errors(example: TypicalExample) -> dict[str, list[str]]:
    """{field: [message]} for each published text field holding a resident ID
    or a mobile number."""
    errors: dict[str, list[str]] = {}
    for field in PUBLISHED_TEXT_FIELDS:
        text = getattr(example, field) or ""
        if ID_NUMBER_RE.search(text):
            errors.setdefault(field, []).append(_("Remove the ID number: ID numbers are never published."))
        if MOBILE_RE.search(text):
            errors.setdefault(field, []).append(_("Remove the mobile number: phone numbers are never published."))
    return errors


def _lock(actor: User, example: TypicalExample) -> TypicalExample:
    return lock_visible(TypicalExample, actor=actor, pk=example.pk, error=PermissionDenied("example out of scope"))


def _require_editable(example: TypicalExample) -> None:
    if example.status == ExampleStatus.PUBLISHED:
        raise ValidationError(
            _("This example is published and cannot be changed. Ask the city bureau to withdraw it first.")
        )
    if example.status == ExampleStatus.SUBMITTED:
        raise ValidationError(
            _("This example is waiting for the city bureau and cannot be changed until it is returned.")
        )


@closed_months.guard(label=gettext_lazy("Save a typical example"))
@transaction.atomic
def typical_example_save(*, actor: User, example: TypicalExample, request=None) -> TypicalExample:
    """Create a draft or change an example that is not submitted or published.

    The example's community must lie in the actor's area; the creator is the actor.
    """
    require(actor, "partnerships.propose_example")
    require_community_in_scope(actor, example.community)
    creating = example.pk is None
    before = {}
    if creating:
        example.created_by = actor
        example.status = ExampleStatus.DRAFT
    else:
        stored = _lock(actor, example)
        _require_editable(stored)
        # A withdrawn example still counts where and when it was published.
        closed_months.touch(communities=[stored.community_id, example.community_id], dates=[stored.published_at])
        before = {name: getattr(stored, name) for name in EXAMPLE_FIELDS}
        # The workflow fields are the services' own: never taken from a form.
        for name in ("status", "review_note", "reviewed_by", "published_at", "created_by"):
            setattr(example, name, getattr(stored, name))
    example.full_clean()
    example.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if creating else AuditAction.UPDATE,
        obj=example,
        request=request,
        changes={} if creating else field_changes(before, example, EXAMPLE_FIELDS),
    )
    return example


@closed_months.guard(label=gettext_lazy("Move a typical example on"))
@transaction.atomic
def typical_example_transition(
    *, actor: User, example: TypicalExample, step: str, note: str = "", request=None
) -> TypicalExample:
    """Take one workflow step: submit, publish, return (a note is required) or withdraw."""
    workflow = TypicalExample.workflow
    if step not in workflow.steps:
        raise ValidationError({"step": _("Choose a step.")})
    require(actor, workflow.step(step).rule)
    _lock(actor, example)  # out of scope is refused as forbidden, before the state is read
    note = (note or "").strip()

    def check(locked) -> list[str]:
        fields = ["updated_at"]
        if step == "submit":
            errors = {}
            if not locked.consent_on_file:
                errors["consent_on_file"] = [
                    _("Confirm that the person's written consent to publish is on file before submitting.")
                ]
            if not locked.summary.strip():
                errors["summary"] = [_("Write a summary before submitting.")]
            if not locked.story.strip():
                errors["story"] = [_("Write the story before submitting.")]
            for field, messages in personal_number_errors(locked).items():
                errors.setdefault(field, []).extend(messages)
            if errors:
                raise ValidationError(errors)
            locked.review_note = ""
            fields.append("review_note")
        elif step == "return":
            if not note:
                raise ValidationError({"note": _("Say what should change: the proposer reads this note.")})
            locked.review_note = note[:300]
            locked.reviewed_by = actor
            fields += ["review_note", "reviewed_by"]
        elif step == "publish":
            # Checked again: an example submitted before this check existed may hold them.
            errors = personal_number_errors(locked)
            if errors:
                raise ValidationError(errors)
            # Published again after a withdrawal, it leaves the month it first counted in.
            closed_months.touch(communities=[locked.community_id], dates=[locked.published_at])
            locked.published_at = timezone.now()
            locked.reviewed_by = actor
            locked.review_note = note[:300]
            fields += ["published_at", "reviewed_by", "review_note"]
        elif step == "withdraw":
            # published_at stays: it records when the example went public.
            locked.reviewed_by = actor
            locked.review_note = note[:300]
            fields += ["reviewed_by", "review_note"]
        # Validated as it will be saved, in its new status.
        locked.status = workflow.step(step).target
        locked.full_clean()
        return fields

    locked = workflow.apply(
        queryset=TypicalExample.objects,
        obj=example,
        step=step,
        actor=actor,
        check=check,
        audit_changes={"note": note} if note else None,
        request=request,
    )
    return locked


def process_photo(upload) -> tuple[bytes, int, int]:
    """Check an uploaded image and re-encode it: (JPEG bytes, width, height).

    Refuses anything but JPEG, PNG or WebP up to 8 MB and 50 megapixels. The
    result is turned upright (EXIF orientation), at most 1600 px on its long
    side, and carries no metadata at all: a phone photo's EXIF holds the place
    and time it was taken.
    """
    if upload is None:
        raise ValidationError({"image": _("Choose a photo to upload.")})
    if upload.size > MAX_PHOTO_BYTES:
        raise ValidationError(
            {"image": _("The photo is %(size).1f MB; at most 8 MB is accepted.") % {"size": upload.size / 1048576}}
        )
    data = upload.read()
    unreadable = ValidationError({"image": _("This file is not a JPEG, PNG or WebP photo.")})
    too_large = ValidationError(
        {"image": _("The photo has too many pixels (at most 50 megapixels). Send a smaller photo.")}
    )
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its limit and twice it: treat that as refusal too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format not in ACCEPTED_FORMATS:
                    raise unreadable
                if probe.width * probe.height > MAX_PHOTO_PIXELS:
                    raise too_large
                probe.verify()
            # verify() leaves the image unusable: open it again to decode.
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                image = ImageOps.exif_transpose(image)
                if image.mode in ("RGBA", "LA", "P", "PA"):
                    rgba = image.convert("RGBA")
                    image = Image.new("RGB", rgba.size, (255, 255, 255))
                    image.paste(rgba, mask=rgba.getchannel("A"))
                elif image.mode != "RGB":
                    image = image.convert("RGB")
                image.thumbnail((MAX_PHOTO_SIDE, MAX_PHOTO_SIDE), Image.Resampling.LANCZOS)
                out = io.BytesIO()
                # No exif=, no icc_profile=: the new file carries no metadata.
                image.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
                return out.getvalue(), image.width, image.height
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_large from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise unreadable from None


@transaction.atomic
def example_photo_add(*, actor: User, example: TypicalExample, upload, caption: str = "", request=None) -> ExamplePhoto:
    """Add a photo (at most six) to an example that may still be changed."""
    require(actor, "partnerships.propose_example")
    locked = _lock(actor, example)
    _require_editable(locked)
    if locked.photos.count() >= MAX_PHOTOS:
        raise ValidationError({"image": _("An example has at most 6 photos. Remove one before adding another.")})
    content, width, height = process_photo(upload)
    position = (locked.photos.aggregate(m=Max("position"))["m"] or 0) + 1
    photo = ExamplePhoto(example=locked, caption=(caption or "").strip(), width=width, height=height, position=position)
    photo.image.save("photo.jpg", ContentFile(content), save=False)
    try:
        photo.full_clean()
        photo.save()
    except Exception:
        photo.image.delete(save=False)
        raise
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=photo,
        request=request,
        changes={"example": locked.pk, "caption": photo.caption},
    )
    return photo


@transaction.atomic
def example_photo_remove(*, actor: User, photo: ExamplePhoto, request=None) -> None:
    require(actor, "partnerships.propose_example")
    locked = _lock(actor, photo.example)
    _require_editable(locked)
    name = photo.image.name
    audit_record(
        actor=actor,
        action=AuditAction.REMOVE,
        obj=photo,
        request=request,
        changes={"example": locked.pk, "caption": photo.caption},
    )
    photo.delete()
    storage = photo.image.storage
    # The file goes only once the row is surely gone.
    transaction.on_commit(lambda: storage.delete(name))
