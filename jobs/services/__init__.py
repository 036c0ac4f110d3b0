"""Write operations of the job market. Views, forms, serializers, tasks and
commands call these; each validates, writes the audit trail and runs in one
transaction."""

from .employer_imports import (
    employer_import_batch_cancel,
    employer_import_batch_confirm,
    employer_import_batch_create,
    employer_import_batch_retry,
)
from .employers import employer_save, labour_survey_save
from .fairs import fair_signup_create, job_fair_save
from .postings import (
    posting_mark_filled,
    posting_publish,
    posting_reject,
    posting_save,
    posting_step,
    posting_submit_public,
    postings_expire,
    postings_remind_expiry,
    postings_withdraw_unlawful,
)
from .recommendations import (
    job_alert_save,
    job_alerts_run,
    recommendation_create,
    recommendation_transition,
    recommendations_flag_no_answer,
)

__all__ = [
    "employer_save",
    "employer_import_batch_cancel",
    "employer_import_batch_confirm",
    "employer_import_batch_create",
    "employer_import_batch_retry",
    "fair_signup_create",
    "job_alert_save",
    "job_alerts_run",
    "job_fair_save",
    "labour_survey_save",
    "posting_mark_filled",
    "posting_step",
    "posting_publish",
    "posting_reject",
    "posting_save",
    "posting_submit_public",
    "postings_expire",
    "postings_remind_expiry",
    "postings_withdraw_unlawful",
    "recommendation_create",
    "recommendation_transition",
    "recommendations_flag_no_answer",
]
