"""Reads of training shared by pages, the API, exports and reports.

Staff reads start from `Model.objects.visible_to(user)`. The published
catalogue and the classes open to the public are public information and have
their own `public_*` selectors that show nothing else.

One module per concern; import from `training.selectors` or the module.
"""

from training.selectors.catalogue import (
    catalogue_get,
    catalogue_list,
    class_course_choices,
    course_get,
    provider_choices,
    provider_get,
    provider_list,
)
from training.selectors.classes import (
    class_list,
    class_overview_counts,
    community_choices,
    site_choices,
    training_class_find,
    training_class_get,
    with_seats,
)
from training.selectors.enrolments import (
    class_roster,
    enrollable_class_list,
    enrollable_resident_list,
    enrolment_get,
    enrolment_list,
)
from training.selectors.needs import (
    DemandRow,
    join_request_get,
    join_request_list,
    need_course_list,
    need_demand_summary,
    need_list,
)
from training.selectors.outcomes import (
    LOOP_DEFINITION,
    RATE_DEFINITION,
    RATE_GROUPS,
    RateRow,
    completed_enrolments_with_outcome,
    post_training_employment_rate,
    rate_total,
    training_loop_by_district,
)
from training.selectors.public import (
    public_class_get,
    public_class_list,
    public_community_list,
    public_course_list,
    public_district_list,
    published_trades,
)

__all__ = [
    "DemandRow",
    "LOOP_DEFINITION",
    "RATE_DEFINITION",
    "RATE_GROUPS",
    "RateRow",
    "catalogue_get",
    "catalogue_list",
    "class_course_choices",
    "class_list",
    "class_overview_counts",
    "class_roster",
    "community_choices",
    "completed_enrolments_with_outcome",
    "course_get",
    "enrollable_class_list",
    "enrollable_resident_list",
    "enrolment_get",
    "enrolment_list",
    "join_request_get",
    "join_request_list",
    "need_course_list",
    "need_demand_summary",
    "need_list",
    "post_training_employment_rate",
    "provider_choices",
    "provider_get",
    "provider_list",
    "public_class_get",
    "public_class_list",
    "public_community_list",
    "public_course_list",
    "public_district_list",
    "published_trades",
    "rate_total",
    "site_choices",
    "training_class_find",
    "training_class_get",
    "training_loop_by_district",
    "with_seats",
]
