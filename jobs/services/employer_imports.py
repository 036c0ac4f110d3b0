"""The employer import (用工单位导入), from upload to the last row written.

    upload ─► check (inline, or a Celery task above ASYNC_ROW_THRESHOLD rows)
           ─► INVALID: the preview lists every problem by row and column; upload again
           ─► READY ─► confirm ─► import (one transaction: all rows or none) ─► DONE

The steps are the shared ones of stations/imports/batches.py (as for the
resident ledger); this module says how an employer sheet is read, checked and
written (EmployerImportFlow). One row is one employer, found by its unified
social credit code (created, or updated when it is already registered in the
user's area), with an optional dated labour survey. A file of more than
MAX_ROWS rows is refused with a message naming the limit: no row is dropped.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from jobs.models import Employer, EmployerImportBatch, EmployerSize, LabourSurvey, LegalForm
from stations import closed_months
from stations.imports import batches
from stations.imports.cells import choice_code, listed_choices
from stations.imports.reading import MAX_ROWS, normalise_header, read_sheet
from stations.models import Community, User
from stations.services.common import require
from stations.validators import normalize_code

# As for the resident ledger: above this many rows the check and the import
# run in a Celery task with a progress page. The check costs a full_clean per
# row and the import a few bulk queries per 1,000 rows, so 500 rows finish
# within the request.
ASYNC_ROW_THRESHOLD = 500
BULK_BATCH_SIZE = 1000
PROGRESS_EVERY = 500

# (key, headers accepted: the Chinese title first, as the export writes it, then English)
COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("name", ("单位名称", "Name")),
    ("credit_code", ("统一社会信用代码", "Credit code")),
    ("community_code", ("社区代码", "Community code")),
    ("legal_form", ("单位类型", "Legal form")),
    ("industry", ("行业", "Industry")),
    ("size", ("规模", "Size")),
    ("address", ("地址", "Address")),
    ("contact_name", ("联系人", "Contact")),
    ("contact_phone", ("联系电话", "Phone")),
    ("surveyed_on", ("调查日期", "Survey date")),
    ("headcount", ("用工数量", "Headcount")),
    ("shortage", ("缺工人数", "Shortage")),
    ("conditions", ("用工条件", "Conditions")),
)
REQUIRED = ("name", "credit_code", "community_code")
HEADERS = {key: names[0] for key, names in COLUMNS}
# The export's community name column is read back without a warning.
QUIET_HEADERS = frozenset({"社区", "序号"})
EMPLOYER_TEXT_FIELDS = ("industry", "address", "contact_name", "contact_phone")
UPDATE_FIELDS = ["community", "name", "legal_form", "size", *EMPLOYER_TEXT_FIELDS, "verified", "updated_at"]


def _normalise(text) -> str:
    return normalise_header(text).lower()


def header_lookup() -> dict[str, str]:
    return {_normalise(name): key for key, names in COLUMNS for name in names}


# --- the check --------------------------------------------------------------------
@dataclass
class PreparedEmployer:
    row: int
    employer: Employer
    survey: tuple | None  # (surveyed_on, headcount, shortage, conditions)
    moved_from: int | None  # the community an existing employer leaves
    existing: bool  # registered before the import (counted as updated)


@dataclass
class EmployerCheckResult(batches.CheckResult):
    @property
    def survey_count(self) -> int:
        return sum(1 for p in self.prepared if p.survey is not None)


def _date(text: str) -> dt.date:
    """2026-01-05, 2026/1/5 or a date with a time (as a date cell is read)."""
    day = text.replace("/", "-").split(" ")[0].split("T")[0]
    year, month, date = (int(part) for part in day.split("-"))
    return dt.date(year, month, date)


def _closed_month_problem(closed: dict, community, day: dt.date) -> str | None:
    """A survey dated in (or before) a closed month of its community."""
    month = closed.get(community.pk) if community is not None else None
    if month is None or day > closed_months.closed_through(month):
        return None
    return _(
        "the survey date %(date)s counts in %(month)s, which %(community)s has closed: record the survey on "
        "the employer's page to ask the street for a correction"
    ) % {"date": day.isoformat(), "month": f"{month:%Y-%m}", "community": community.name}


@dataclass
class _Context:
    communities: dict[str, Community]
    closed: dict
    existing: dict[str, Employer]
    today: dt.date
    seen: set[str] = field(default_factory=set)


def _context(actor: User, rows: list[dict]) -> _Context:
    """What every row is checked against, read once per file (three queries
    whatever the number of rows)."""
    communities = {c.code: c for c in Community.objects.visible_to(actor).select_related("street__district")}
    # Codes as stored (full-width characters, spaces and invisible characters
    # normalised), so a row finds the employer whatever the sheet holds.
    codes = {normalize_code(r["values"].get("credit_code", "")) for r in rows} - {""}
    existing = {e.credit_code: e for e in Employer.objects.filter(credit_code__in=codes)}
    return _Context(
        communities=communities,
        closed=closed_months.latest_closed(c.pk for c in communities.values()),
        existing=existing,
        today=timezone.localdate(),
    )


def _check_row(raw: dict, ctx: _Context) -> tuple[PreparedEmployer | None, dict[str, str]]:
    values = raw["values"]
    errors: dict[str, str] = {}

    def add(key: str, message) -> None:
        errors[key] = (errors.get(key, "") + " " + str(message)).strip()

    for key in raw.get("flags", {}).get("formula", []):
        add(key, _("A formula is not imported: paste the value instead."))

    community_text = values.get("community_code", "").split(".")[0]
    community = ctx.communities.get(community_text)
    if community is None:
        add("community_code", _("community code %(code)s is not in your area") % {"code": community_text})
    code = normalize_code(values.get("credit_code", ""))
    existing = ctx.existing.get(code)
    employer = existing or Employer(credit_code=code)
    if existing is not None and employer.community_id not in {c.pk for c in ctx.communities.values()}:
        add("credit_code", _("this credit code belongs to an employer outside your area"))
    if code and code in ctx.seen:
        add("credit_code", _("the credit code appears twice in the file"))
    ctx.seen.add(code)
    moved_from = employer.community_id if employer.pk and community and employer.community_id != community.pk else None
    employer.name = values.get("name", "")
    if community is not None:
        employer.community = community
    legal_form = choice_code(LegalForm, values.get("legal_form", ""))
    if legal_form == "":
        add("legal_form", _("Not one of the listed values: %(values)s") % {"values": listed_choices(LegalForm)})
    size = choice_code(EmployerSize, values.get("size", ""))
    if size == "":
        add("size", _("Not one of the listed values: %(values)s") % {"values": listed_choices(EmployerSize)})
    employer.legal_form = legal_form or employer.legal_form or LegalForm.COMPANY
    employer.size = size or employer.size or EmployerSize.MICRO
    for name in EMPLOYER_TEXT_FIELDS:
        if name in values:  # a column the sheet does not have keeps what the record holds
            setattr(employer, name, values[name])
    employer.verified = True
    try:
        # The community was resolved from the user's area above: not looked up again per row.
        employer.full_clean(exclude=["community"], validate_unique=False)
    except ValidationError as exc:
        for key, messages in exc.message_dict.items():
            if key in HEADERS:
                add(key, " ".join(messages))
            else:
                label = getattr(Employer._meta.get_field(key), "verbose_name", key)
                add("name", f"{label}: {' '.join(messages)}")

    survey = None
    if any(values.get(key) for key in ("surveyed_on", "headcount", "shortage", "conditions")):
        surveyed_on = None
        if not values.get("surveyed_on"):
            add("surveyed_on", _("Fill in the survey date: the row has survey figures."))
        else:
            try:
                surveyed_on = _date(values["surveyed_on"])
            except ValueError:
                add(
                    "surveyed_on",
                    _("survey date %(value)s is not a date (YYYY-MM-DD)") % {"value": values["surveyed_on"]},
                )
        figures = {}
        for key in ("headcount", "shortage"):
            try:
                number = float(values.get(key) or 0)
                if number < 0 or not number.is_integer():
                    raise ValueError
                figures[key] = int(number)
            except ValueError:
                add(key, _("headcount and shortage must be whole numbers of zero or more"))
        if surveyed_on and surveyed_on > ctx.today:
            add("surveyed_on", _("the survey date is in the future"))
        elif surveyed_on:
            problem = _closed_month_problem(ctx.closed, community, surveyed_on)
            if problem:
                add("surveyed_on", problem)
        survey = (surveyed_on, figures.get("headcount", 0), figures.get("shortage", 0), values.get("conditions", ""))
        if len(survey[3]) > 300:
            add("conditions", _("At most 300 characters."))
    if errors:
        return None, errors
    return (
        PreparedEmployer(
            row=raw["row"], employer=employer, survey=survey, moved_from=moved_from, existing=existing is not None
        ),
        {},
    )


def employer_rows_check(*, actor: User, rows: list[dict], progress=None) -> EmployerCheckResult:
    """Check rows as read from a sheet ([{"row": 2, "values": {key: text}}]).
    Each problem names its row (as the spreadsheet shows it) and column; the
    rows are scoped to the actor's area."""
    ctx = _context(actor, rows)
    result = EmployerCheckResult()
    for index, raw in enumerate(rows, start=1):
        prepared, errors = _check_row(raw, ctx)
        if prepared is not None:
            result.prepared.append(prepared)
        for key, message in errors.items():
            result.errors.append({"row": raw["row"], "column": HEADERS.get(key, key), "field": key, "message": message})
        if progress and index % PROGRESS_EVERY == 0:
            progress(index)
    return result


# --- the write --------------------------------------------------------------------
def _first_survey(employer_ids) -> dict[int, dt.date]:
    from django.db.models import Min

    rows = LabourSurvey.objects.filter(employer__in=employer_ids).values("employer").annotate(first=Min("surveyed_on"))
    return {row["employer"]: row["first"] for row in rows.order_by()}


def _touch_closed_months(result: EmployerCheckResult) -> None:
    """The closed months the import reaches: each survey's community and date,
    and an employer moved to another community takes its surveys along."""
    moved = {p.employer.pk: p.moved_from for p in result.prepared if p.moved_from is not None}
    closed_months.touch(
        communities={p.employer.community_id for p in result.prepared} | set(moved.values()),
        dates=[
            *(p.survey[0] for p in result.prepared if p.survey is not None),
            *_first_survey(list(moved)).values(),
        ],
    )


def _write(batch: EmployerImportBatch, result: EmployerCheckResult) -> None:
    """Employers in bulk (created, then updated), then their surveys (a survey
    of the same employer and day is replaced): a few queries per 1,000 rows."""
    now = timezone.now()
    new = [p.employer for p in result.prepared if not p.existing]
    old = [p.employer for p in result.prepared if p.existing]
    done = 0
    for start in range(0, len(new), BULK_BATCH_SIZE):
        Employer.objects.bulk_create(new[start : start + BULK_BATCH_SIZE])
        done += len(new[start : start + BULK_BATCH_SIZE])
        FLOW.set_progress(batch.pk, done)
    for employer in old:
        employer.updated_at = now
    for start in range(0, len(old), BULK_BATCH_SIZE):
        Employer.objects.bulk_update(old[start : start + BULK_BATCH_SIZE], UPDATE_FIELDS)
        done += len(old[start : start + BULK_BATCH_SIZE])
        FLOW.set_progress(batch.pk, done)

    surveys = [(p.employer, p.survey) for p in result.prepared if p.survey is not None]
    stored = {
        (s.employer_id, s.surveyed_on): s
        for s in LabourSurvey.objects.filter(
            employer__in=[e.pk for e in old], surveyed_on__in={survey[0] for _e, survey in surveys}
        )
    }
    to_create: list[LabourSurvey] = []
    to_update: list[LabourSurvey] = []
    for employer, (surveyed_on, headcount, shortage, conditions) in surveys:
        survey = stored.get((employer.pk, surveyed_on)) or LabourSurvey(employer=employer, surveyed_on=surveyed_on)
        survey.headcount, survey.shortage, survey.conditions = headcount, shortage, conditions
        survey.recorded_by = batch.created_by
        (to_update if survey.pk else to_create).append(survey)
    LabourSurvey.objects.bulk_create(to_create, batch_size=BULK_BATCH_SIZE)
    LabourSurvey.objects.bulk_update(
        to_update, ["headcount", "shortage", "conditions", "recorded_by"], batch_size=BULK_BATCH_SIZE
    )
    FLOW.set_progress(batch.pk, batch.row_count)


# --- the flow ---------------------------------------------------------------------
class EmployerImportFlow(batches.ImportFlow[EmployerCheckResult]):
    """The employer sheet for the shared steps. Module attributes are looked
    up at each call, so tests can change them."""

    model = EmployerImportBatch
    permission = "jobs.import_employers"
    task = "jobs.tasks.employer_import_run"
    key_prefix = "jobs.employer_import"
    label = "employer import"

    def threshold(self) -> int:
        return ASYNC_ROW_THRESHOLD

    def check(self, batch, *, trusted: bool = False) -> EmployerCheckResult:
        return employer_rows_check(
            actor=batch.created_by, rows=batch.rows, progress=functools.partial(self.set_progress, batch.pk)
        )

    def counts(self, result: EmployerCheckResult) -> dict[str, int]:
        return {**super().counts(result), "survey_count": result.survey_count}

    def touch_closed_months(self, result: EmployerCheckResult) -> None:
        _touch_closed_months(result)

    def write_rows(self, batch, result: EmployerCheckResult) -> None:
        _write(batch, result)

    def summary(self, batch, result: EmployerCheckResult) -> dict:
        return {"surveys": result.survey_count}

    def conflict_message(self) -> str:
        return _("Someone registered one of these employers while the import ran. Nothing was imported.")


FLOW = EmployerImportFlow()


# --- the steps --------------------------------------------------------------------
def employer_import_batch_create(*, actor: User, filename: str, data: bytes) -> EmployerImportBatch:
    """Read an uploaded employer sheet and start its check.

    Raises ValidationError when the file as a whole is unusable (not an xlsx,
    macros, zip bomb, no header row, more than MAX_ROWS rows, refused with a
    message naming the limit); row problems are recorded on the batch.
    """
    require(actor, "jobs.import_employers")
    missing = "、".join(HEADERS[key] for key in REQUIRED)
    sheet = read_sheet(
        data,
        lookup=header_lookup(),
        required_keys=REQUIRED,
        no_header_message=_("Missing columns: %(cols)s") % {"cols": missing},
        normalise=_normalise,
        quiet_headers=QUIET_HEADERS,
        text_only_keys=frozenset(),
        max_rows=MAX_ROWS,
    )
    return batches.batch_create(FLOW, actor=actor, filename=filename or "employers.xlsx", data=data, sheet=sheet)


def employer_import_batch_check(*, batch_pk: int) -> EmployerImportBatch | None:
    """Check every row of a waiting batch and record the errors. Idempotent."""
    return batches.batch_check(FLOW, batch_pk=batch_pk)


def employer_import_batch_confirm(*, actor: User, batch: EmployerImportBatch) -> EmployerImportBatch:
    """Queue the import of a checked batch (all rows or none)."""
    return batches.batch_confirm(FLOW, actor=actor, batch=batch)


def employer_import_batch_retry(*, actor: User, batch: EmployerImportBatch) -> EmployerImportBatch:
    """ "Try again" on a failed batch: its rows are checked again."""
    return batches.batch_retry(FLOW, actor=actor, batch=batch)


def employer_import_batch_fail(*, batch_pk: int, reason: str) -> None:
    """The background task gave up on a batch: its page says so, with "try again"."""
    batches.batch_fail(FLOW, batch_pk=batch_pk, reason=reason)


def employer_import_batch_cancel(*, actor: User, batch: EmployerImportBatch) -> EmployerImportBatch:
    """Discard a batch that has not been imported; its rows are deleted."""
    return batches.batch_cancel(FLOW, actor=actor, batch=batch)


def employer_import_batch_execute(*, batch_pk: int) -> EmployerImportBatch | None:
    """Import a confirmed batch in one transaction, writing one audit entry.
    Idempotent: only a batch waiting to import is taken."""
    return batches.batch_execute(FLOW, batch_pk=batch_pk)
