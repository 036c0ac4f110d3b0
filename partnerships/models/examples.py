"""Typical examples (典型): outstanding leaders, employment cases and startup
stars that communities put forward and the city bureau approves and publishes
(保障措施 二)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from stations.models import Community
from stations.scoping import ScopedQuerySet, ScopePaths
from stations.workflows import Step, Workflow


class ExampleKind(models.TextChoices):
    LEADER = "leader", _("Outstanding leader")
    EMPLOYMENT_CASE = "employment_case", _("Employment case")
    STARTUP_STAR = "startup_star", _("Startup star")


class ExampleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for the city bureau")
    PUBLISHED = "published", _("Published")
    RETURNED = "returned", _("Returned for changes")
    WITHDRAWN = "withdrawn", _("Withdrawn from the public site")


E = ExampleStatus
# Statuses in which the proposer may still change the text and photos.
EDITABLE_STATUSES = (E.DRAFT, E.RETURNED, E.WITHDRAWN)

# The review, as data: communities submit, the city bureau publishes, returns
# (with a note the proposer reads) or withdraws. A returned or withdrawn
# example is edited and submitted again. partnerships.services.examples
# applies the steps with their checks; the detail page offers `steps_for`.
EXAMPLE_WORKFLOW = Workflow(
    state_field="status",
    steps=[
        Step(
            "submit",
            EDITABLE_STATUSES,
            E.SUBMITTED,
            _("Submit to the city bureau"),
            rule="partnerships.propose_example",
        ),
        Step("publish", {E.SUBMITTED}, E.PUBLISHED, _("Publish"), rule="partnerships.publish_example"),
        Step("return", {E.SUBMITTED}, E.RETURNED, _("Return for changes"), rule="partnerships.publish_example"),
        Step(
            "withdraw",
            {E.PUBLISHED},
            E.WITHDRAWN,
            _("Withdraw from the public site"),
            rule="partnerships.publish_example",
        ),
    ],
    state_message=_("This example is %(status)s; it cannot be moved to “%(step)s” now."),
)


class TypicalExample(models.Model):
    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="typical_examples", verbose_name=_("community")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ExampleKind)
    title = models.CharField(_("title"), max_length=100)
    # The name as it may be published (often a surname and a title, "王师傅").
    person_name = models.CharField(_("name as published"), max_length=50)
    summary = models.CharField(_("summary"), max_length=200)
    story = models.TextField(pgettext_lazy("typical example", "story"))
    # Publication needs the person's written consent; staff confirm they hold it.
    consent_on_file = models.BooleanField(_("written consent to publish is on file"), default=False)
    status = models.CharField(_("status"), max_length=12, choices=ExampleStatus, default=ExampleStatus.DRAFT)
    review_note = models.CharField(_("review note"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_paths = ScopePaths.via_community("community")
    objects = ScopedQuerySet.as_manager()
    workflow = EXAMPLE_WORKFLOW

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("typical example")
        verbose_name_plural = _("typical examples")
        constraints = [
            models.CheckConstraint(
                name="published_example_has_consent_and_date",
                condition=~Q(status="published") | Q(consent_on_file=True, published_at__isnull=False),
            )
        ]

    def __str__(self):
        return self.title


def _photo_path(instance, filename):
    # Never the uploader's file name: it can carry personal data, and a
    # guessable path would let anyone list unpublished photos.
    return f"examples/{instance.example_id}/{uuid.uuid4().hex}.jpg"


class ExamplePhoto(models.Model):
    """A photo of a typical example, stored re-encoded as JPEG without its
    metadata (a phone photo's EXIF holds where it was taken) and served only
    through views that check the example may be seen."""

    example = models.ForeignKey(TypicalExample, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("photo"), upload_to=_photo_path, max_length=200)
    caption = models.CharField(_("caption"), max_length=100, blank=True)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths.via_community("example__community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["example", "position", "pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return self.caption or f"{self.example} #{self.position}"
