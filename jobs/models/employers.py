"""Employers in a community (社区用工数据库) and their dated labour surveys."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from stations.fields import IdentifierField, NormalizedCharField
from stations.models import Community
from stations.scoping import ScopedQuerySet, ScopePaths
from stations.validators import normalize_credit_code, normalize_fields, normalize_mobile


class LegalForm(models.TextChoices):
    COMPANY = "company", _("Company (公司)")
    INDIVIDUAL_BUSINESS = "individual_business", _("Individual business (个体工商户)")
    PARTNERSHIP = "partnership", _("Partnership (合伙企业)")
    COOPERATIVE = "cooperative", _("Cooperative (合作社)")
    SOCIAL_ORGANISATION = "social_organisation", _("Social organisation (社会组织)")
    PUBLIC_INSTITUTION = "public_institution", _("Public institution (事业单位)")
    OTHER = "other", _("Other")


class EmployerSize(models.TextChoices):
    MICRO = "micro", _("Micro (under 10 staff)")
    SMALL = "small", _("Small (10–99 staff)")
    MEDIUM = "medium", _("Medium (100–299 staff)")
    LARGE = "large", _("Large (300 staff or more)")


class Employer(models.Model):
    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="employers", verbose_name=_("community")
    )
    name = models.CharField(_("name"), max_length=120)
    credit_code = IdentifierField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        help_text=_("18 characters, as printed on the business licence (统一社会信用代码)."),
    )
    legal_form = models.CharField(_("legal form"), max_length=24, choices=LegalForm, default=LegalForm.COMPANY)
    industry = models.CharField(_("industry"), max_length=60, blank=True)
    size = models.CharField(_("size"), max_length=8, choices=EmployerSize, default=EmployerSize.MICRO)
    address = models.CharField(_("address"), max_length=200, blank=True)
    contact_name = NormalizedCharField(_("contact person"), max_length=50)
    contact_phone = IdentifierField(_("contact phone"), max_length=20)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    # Employers that arrived through the public form wait for a staff check.
    verified = models.BooleanField(_("checked by staff"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_paths = ScopePaths.via_community("community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        indexes = [models.Index(fields=["community", "name"])]

    def __str__(self):
        return self.name

    def clean(self):
        errors = normalize_fields(self, credit_code=normalize_credit_code)
        # Only a mobile number has one canonical form; a landline stays as typed.
        if self.contact_phone and self.contact_phone.strip().startswith(("1", "+86", "0086")):
            errors |= normalize_fields(self, contact_phone=normalize_mobile)
        if errors:
            raise ValidationError(errors)


class LabourSurvey(models.Model):
    """用工调查: who is short of workers now, and how demand moved over time."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="surveys", verbose_name=_("employer"))
    surveyed_on = models.DateField(_("survey date"))
    headcount = models.PositiveIntegerField(_("headcount (用工数量)"))
    shortage = models.PositiveIntegerField(_("shortage (缺工人数)"), default=0)
    conditions = models.CharField(_("conditions (用工条件)"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths.via_community("employer__community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-surveyed_on", "-pk"]
        verbose_name = _("labour survey")
        verbose_name_plural = _("labour surveys")
        constraints = [
            models.UniqueConstraint(fields=["employer", "surveyed_on"], name="one_survey_per_employer_day"),
        ]

    def __str__(self):
        return f"{self.employer} {self.surveyed_on}"
