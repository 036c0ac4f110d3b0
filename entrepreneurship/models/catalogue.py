"""Public startup material: project catalogue and guide, startup stars, events (T8)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from stations.fields import NormalizedCharField
from stations.models import District
from stations.scoping import ScopedQuerySet, ScopePaths


class StartupProject(models.Model):
    """An entry of the startup project catalogue, with its guide (创业导引)."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="startup_projects")
    title = models.CharField(_("project"), max_length=100)
    industry = models.CharField(_("industry"), max_length=60)
    investment = models.CharField(_("typical investment"), max_length=60, blank=True)
    summary = models.TextField(_("summary"))
    guide = models.TextField(_("how to start"), blank=True)
    contact = models.CharField(_("contact"), max_length=100, blank=True)
    is_published = models.BooleanField(_("published"), default=False)

    scope_paths = ScopePaths(district="district", street=None, community=None)
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["district__code", "title"]
        verbose_name = _("startup project")
        verbose_name_plural = _("startup projects")

    def __str__(self):
        return self.title


class StartupStar(models.Model):
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="startup_stars")
    name = NormalizedCharField(pgettext_lazy("person", "name"), max_length=50)
    business_name = models.CharField(_("business"), max_length=100)
    year = models.PositiveSmallIntegerField(_("year"))
    story = models.TextField(_("story"))
    is_published = models.BooleanField(_("published"), default=False)

    scope_paths = ScopePaths(district="district", street=None, community=None)
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = _("startup star")
        verbose_name_plural = _("startup stars")

    def __str__(self):
        return self.name


class EventKind(models.TextChoices):
    SALON = "salon", _("Salon")
    SHARING = "sharing", _("Sharing session")
    CONTEST = "contest", _("Contest")


class StartupEvent(models.Model):
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="startup_events")
    kind = models.CharField(_("kind"), max_length=10, choices=EventKind)
    title = models.CharField(_("title"), max_length=100)
    starts_at = models.DateTimeField(_("starts at"))
    place = models.CharField(_("place"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    is_published = models.BooleanField(_("published"), default=False)

    scope_paths = ScopePaths(district="district", street=None, community=None)
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("startup event")
        verbose_name_plural = _("startup events")

    def __str__(self):
        return self.title
