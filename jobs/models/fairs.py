"""Job fairs (供需见面会, 岗位集市, 直播带岗) and residents' sign-ups."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from stations.fields import IdentifierField, NormalizedCharField
from stations.models import Community
from stations.scoping import ScopedQuerySet, ScopePaths
from stations.validators import normalize_mobile

from .employers import Employer
from .postings import Posting


class FairKind(models.TextChoices):
    MEETING = "meeting", _("Supply-and-demand meeting (供需见面会)")
    BAZAAR = "bazaar", _("Job bazaar (岗位集市)")
    LIVE_STREAM = "live_stream", _("Live-stream fair (直播带岗)")


class JobFair(models.Model):
    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="job_fairs", verbose_name=_("organising community")
    )
    title = models.CharField(_("title"), max_length=120)
    kind = models.CharField(_("kind"), max_length=12, choices=FairKind, default=FairKind.MEETING)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    description = models.TextField(_("description"), blank=True)
    employers = models.ManyToManyField(Employer, blank=True, related_name="fairs", verbose_name=_("employers"))
    postings = models.ManyToManyField(Posting, blank=True, related_name="fairs", verbose_name=_("postings"))
    is_published = models.BooleanField(_("shown to the public"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths.via_community("community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("job fair")
        verbose_name_plural = _("job fairs")
        indexes = [models.Index(fields=["is_published", "ends_at"])]
        constraints = [
            models.CheckConstraint(name="fair_ends_after_start", condition=models.Q(ends_at__gte=models.F("starts_at")))
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = [_("The fair cannot end before it starts.")]
        if not self.place and not self.online_link:
            errors["place"] = [_("Give the place, the online link, or both.")]
        if errors:
            raise ValidationError(errors)


class FairSignUp(models.Model):
    """A resident's sign-up: personal data, visible to staff in scope only."""

    fair = models.ForeignKey(JobFair, on_delete=models.CASCADE, related_name="signups", verbose_name=_("job fair"))
    name = NormalizedCharField(pgettext_lazy("person", "name"), max_length=50)
    phone = IdentifierField(_("mobile"), max_length=11)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths.via_community("fair__community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("fair sign-up")
        verbose_name_plural = _("fair sign-ups")
        constraints = [models.UniqueConstraint(fields=["fair", "phone"], name="one_signup_per_phone")]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        self.name = (self.name or "").strip()
        if len(self.name) < 2:
            errors["name"] = [_("Enter your name (at least two characters).")]
        try:
            self.phone = normalize_mobile(self.phone)
        except ValidationError as exc:
            errors["phone"] = exc.messages
        if errors:
            raise ValidationError(errors)
