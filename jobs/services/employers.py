"""Employers and labour surveys, including the all-or-nothing Excel import."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobs.models import Employer, EmployerSize, LabourSurvey, LegalForm
from stations import closed_months
from stations.audit import audit_record, field_changes
from stations.models import AuditAction, Community, User
from stations.services.common import require, require_community_in_scope
from stations.validators import normalize_code

EMPLOYER_FIELDS = (
    "community",
    "name",
    "credit_code",
    "legal_form",
    "industry",
    "size",
    "address",
    "contact_name",
    "contact_phone",
    "contact_email",
)


def _first_survey(employer_ids) -> dict[int, dt.date]:
    rows = LabourSurvey.objects.filter(employer__in=employer_ids).values("employer").annotate(first=Min("surveyed_on"))
    return {row["employer"]: row["first"] for row in rows.order_by()}


@closed_months.guard(label=gettext_lazy("Save an employer"))
@transaction.atomic
def employer_save(*, actor: User, employer: Employer, request=None) -> Employer:
    """Create or edit an employer in the actor's area; staff saving it marks it checked."""
    require(actor, "jobs.manage_employer")
    require_community_in_scope(actor, employer.community_id and employer.community)
    creating = employer.pk is None
    before = {}
    if not creating:
        old = Employer.objects.visible_to(actor).filter(pk=employer.pk).first()
        if old is None:
            raise ValidationError(_("This employer is outside your area."))
        before = {name: getattr(old, name) for name in EMPLOYER_FIELDS}
        if old.community_id != employer.community_id:
            # Its labour surveys count for its community: they move with it.
            closed_months.touch(
                communities=[old.community_id, employer.community_id], dates=_first_survey([old.pk]).values()
            )
    employer.verified = True
    employer.full_clean()
    employer.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if creating else AuditAction.UPDATE,
        obj=employer,
        request=request,
        changes={} if creating else field_changes(before, employer, EMPLOYER_FIELDS),
    )
    return employer


@closed_months.guard(label=gettext_lazy("Record a labour survey"))
@transaction.atomic
def labour_survey_save(*, actor: User, survey: LabourSurvey, request=None) -> LabourSurvey:
    require(actor, "jobs.manage_employer")
    if not Employer.objects.visible_to(actor).filter(pk=survey.employer_id).exists():
        raise ValidationError({"employer": _("You can only survey an employer in your own area.")})
    if survey.surveyed_on and survey.surveyed_on > dt.date.today():
        raise ValidationError({"surveyed_on": _("A survey cannot be dated in the future.")})
    if survey.shortage is not None and survey.headcount is not None and survey.shortage > survey.headcount + 10000:
        raise ValidationError({"shortage": _("The shortage is implausibly large.")})
    repeated = LabourSurvey.objects.filter(employer_id=survey.employer_id, surveyed_on=survey.surveyed_on)
    if survey.surveyed_on and repeated.exclude(pk=survey.pk).exists():
        raise ValidationError(
            {
                "surveyed_on": _(
                    "This employer already has a survey dated %(date)s. Choose another date, "
                    "or correct that survey instead of recording a second one."
                )
                % {"date": survey.surveyed_on.isoformat()}
            }
        )
    creating = survey.pk is None
    if creating:
        survey.recorded_by = actor
    # A survey counts for its employer's community in the month of its date;
    # an edit may move it from one date or employer to another.
    stored = LabourSurvey.objects.filter(pk=survey.pk).values("surveyed_on", "employer__community").first()
    closed_months.touch(
        communities=[
            Employer.objects.filter(pk=survey.employer_id).values_list("community_id", flat=True).first(),
            stored and stored["employer__community"],
        ],
        dates=[survey.surveyed_on, stored and stored["surveyed_on"]],
    )
    survey.full_clean()
    survey.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if creating else AuditAction.UPDATE,
        obj=survey,
        request=request,
        changes={"headcount": survey.headcount, "shortage": survey.shortage},
    )
    return survey


# --- Excel import ---------------------------------------------------------------

IMPORT_COLUMNS = [
    # (header in the sheet, field) — headers accept the Chinese or English title.
    (("单位名称", "Name"), "name"),
    (("统一社会信用代码", "Credit code"), "credit_code"),
    (("社区代码", "Community code"), "community_code"),
    (("单位类型", "Legal form"), "legal_form"),
    (("行业", "Industry"), "industry"),
    (("规模", "Size"), "size"),
    (("地址", "Address"), "address"),
    (("联系人", "Contact"), "contact_name"),
    (("联系电话", "Phone"), "contact_phone"),
    (("调查日期", "Survey date"), "surveyed_on"),
    (("用工数量", "Headcount"), "headcount"),
    (("缺工人数", "Shortage"), "shortage"),
    (("用工条件", "Conditions"), "conditions"),
]


def _choice(enum, value):
    """The code for a cell that holds a code, or a label in the user's language
    or in English (case-insensitive, a leading part or the Chinese in brackets
    is enough). None for an empty cell, "" for an unknown value."""
    value = str(value or "").strip().lower()
    if not value:
        return None
    for code, label in enum.choices:
        with translation.override("en"):
            english = str(label).lower()
        names = {code, str(label).lower(), english}
        for name in list(names):
            if "(" in name:
                names.add(name[name.find("(") + 1 : name.rfind(")")])
                names.add(name.split(" (")[0])
        if value in names or any(n.startswith(value) for n in names if len(value) >= 2):
            return code
    return ""


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    surveys: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


def _header_map(header_row) -> dict[str, int]:
    found = {}
    for index, title in enumerate(header_row):
        title = str(title or "").strip()
        for names, name in IMPORT_COLUMNS:
            if title in names or title.lower() in (n.lower() for n in names):
                found[name] = index
    return found


def employers_import(*, actor: User, rows: list[list], request=None) -> ImportResult:
    """Import employers (and an optional survey per row) from sheet rows, the
    first being headers. All or nothing: any row error and nothing is saved;
    every error names its row number as the spreadsheet shows it."""
    require(actor, "jobs.import_employers")
    result = ImportResult()
    if not rows:
        result.errors.append((1, _("The sheet is empty.")))
        return result
    columns = _header_map(rows[0])
    missing = [names[0] for names, name in IMPORT_COLUMNS[:3] if name not in columns]
    if missing:
        result.errors.append((1, _("Missing columns: %(cols)s") % {"cols": "、".join(missing)}))
        return result
    communities = {c.code: c for c in Community.objects.visible_to(actor).select_related("street__district")}
    closed = closed_months.latest_closed(c.pk for c in communities.values())
    # Codes as stored (full-width characters, spaces and invisible characters
    # normalised), so a row finds the employer whatever the sheet holds.
    codes = [normalize_code(r[columns["credit_code"]]) for r in rows[1:] if len(r) > columns["credit_code"]]
    existing = {e.credit_code: e for e in Employer.objects.filter(credit_code__in=codes)}
    seen = set()
    prepared = []
    for number, raw in enumerate(rows[1:], start=2):
        if not any(str(v or "").strip() for v in raw):
            continue

        def cell(name, raw=raw):
            index = columns.get(name)
            value = raw[index] if index is not None and index < len(raw) else None
            return "" if value is None else (value if isinstance(value, dt.date | int | float) else str(value).strip())

        problems = []
        community = communities.get(str(cell("community_code")).split(".")[0])
        if community is None:
            problems.append(_("community code %(code)s is not in your area") % {"code": cell("community_code")})
        code = normalize_code(cell("credit_code"))
        employer = existing.get(code) or Employer(credit_code=code)
        if employer.pk and employer.community_id not in {c.pk for c in communities.values()}:
            problems.append(_("this credit code belongs to an employer outside your area"))
        if code in seen:
            problems.append(_("the credit code appears twice in the file"))
        seen.add(code)
        moved_from = (
            employer.community_id if employer.pk and community and employer.community_id != community.pk else None
        )
        employer.name = str(cell("name"))
        employer.community = community
        legal_form = _choice(LegalForm, cell("legal_form"))
        size = _choice(EmployerSize, cell("size"))
        if legal_form == "" or size == "":
            problems.append(_("legal form or size is not one of the listed values"))
        employer.legal_form = legal_form or employer.legal_form or LegalForm.COMPANY
        employer.size = size or employer.size or EmployerSize.MICRO
        for name in ("industry", "address", "contact_name", "contact_phone"):
            setattr(employer, name, str(cell(name)))
        employer.verified = True
        try:
            employer.full_clean(exclude=["community"] if community is None else None, validate_unique=False)
        except ValidationError as exc:
            problems.extend(
                f"{Employer._meta.get_field(k).verbose_name}: {' '.join(v)}" for k, v in exc.message_dict.items()
            )
        survey = None
        if cell("surveyed_on") or cell("headcount"):
            surveyed_on = cell("surveyed_on")
            if isinstance(surveyed_on, dt.datetime):
                surveyed_on = surveyed_on.date()
            elif isinstance(surveyed_on, str):
                try:
                    surveyed_on = dt.date.fromisoformat(surveyed_on.replace("/", "-"))
                except ValueError:
                    problems.append(_("survey date %(value)s is not a date (YYYY-MM-DD)") % {"value": surveyed_on})
                    surveyed_on = None
            try:
                headcount = int(float(cell("headcount") or 0))
                shortage = int(float(cell("shortage") or 0))
                if headcount < 0 or shortage < 0:
                    raise ValueError
            except (TypeError, ValueError):
                problems.append(_("headcount and shortage must be whole numbers of zero or more"))
                headcount = shortage = 0
            if surveyed_on and surveyed_on > dt.date.today():
                problems.append(_("the survey date is in the future"))
            elif isinstance(surveyed_on, dt.date):
                problem = _closed_month_problem(closed, community, surveyed_on)
                if problem:
                    problems.append(problem)
            survey = (surveyed_on, headcount, shortage, str(cell("conditions"))[:300])
        if problems:
            result.errors.append((number, "；".join(str(p) for p in problems)))
        else:
            prepared.append((employer, survey, moved_from))
    if result.errors:
        return result
    try:
        _employers_write(actor, prepared, result, request)
    except closed_months.ClosedMonthError as exc:
        result.created = result.updated = result.surveys = 0
        result.errors.extend((1, message) for message in exc.messages)
    return result


def _closed_month_problem(closed: dict, community, day: dt.date) -> str | None:
    """A survey dated in (or before) a closed month of its community."""
    month = closed.get(community.pk) if community is not None else None
    if month is None or day > closed_months.closed_through(month):
        return None
    return _(
        "the survey date %(date)s counts in %(month)s, which %(community)s has closed: record the survey on "
        "the employer's page to ask the street for a correction"
    ) % {"date": day.isoformat(), "month": f"{month:%Y-%m}", "community": community.name}


def _employers_write(actor: User, prepared: list, result: ImportResult, request) -> None:
    """All rows in one transaction; the closed months they reach are measured
    around it (an employer moved to another community takes its surveys)."""
    moved = {employer.pk: old for employer, _survey, old in prepared if old is not None}
    first = _first_survey(moved)
    with transaction.atomic(), closed_months.guarded():
        closed_months.touch(
            communities={employer.community_id for employer, _s, _o in prepared} | set(moved.values()),
            dates=[*(s[0] for _e, s, _o in prepared if s and isinstance(s[0], dt.date)), *first.values()],
        )
        for employer, survey, _old in prepared:
            creating = employer.pk is None
            employer.save()
            result.created += creating
            result.updated += not creating
            if survey and survey[0]:
                LabourSurvey.objects.update_or_create(
                    employer=employer,
                    surveyed_on=survey[0],
                    defaults={
                        "headcount": survey[1],
                        "shortage": survey[2],
                        "conditions": survey[3],
                        "recorded_by": actor,
                    },
                )
                result.surveys += 1
        audit_record(
            actor=actor,
            action=AuditAction.IMPORT,
            object_repr="jobs:employers_import",
            request=request,
            changes={"created": result.created, "updated": result.updated, "surveys": result.surveys},
        )
