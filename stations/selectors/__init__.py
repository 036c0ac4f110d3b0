"""Reads shared by pages, API, exports and reports, one module per concern.
Each takes the user and applies scope (stations.scoping) before anything
else; the names are importable from here (`from stations.selectors import x`)."""

from .accounts import (
    staff_account_list,
    staff_account_search,
)
from .audit import (
    audit_entry_list,
)
from .duplicates import (
    KEYS_LIMIT,
    NAME_KEY,
    DuplicatePair,
    merge_window_open,
    resident_duplicate_pair,
    resident_duplicate_pairs,
    resident_merge_list,
    resident_merged_into,
    resident_merges_into,
)
from .messaging import (
    TextMessageRow,
    resident_text_messages,
)
from .platform import (
    ParameterOverview,
    heartbeat_times,
    notification_list,
    policy_parameter_overview,
    unread_notification_count,
)
from .residents import (
    SORTS,
    DuplicateFound,
    name_q,
    resident_duplicate_check,
    resident_get_for_user,
    resident_list,
    resident_record_parts,
    resident_rows,
    resident_search,
    search_q,
)
from .stations import (
    EARTH_RADIUS_KM,
    dashboard_counts,
    distance_km_expression,
    public_nearby_sites,
    public_station_get,
    public_station_list,
    related_site_list,
    station_list,
)
from .target_groups import (
    DERIVED_GROUPS,
    FOUR_CLEARS_Q,
    OLDER_WORKER_AGE,
    DerivedGroup,
    derived_group_codes,
    four_clears_summary,
    long_term_unemployed_exists,
    long_term_unemployed_q,
    older_worker_q,
    recent_graduate_q,
    target_group_choices,
    years_before,
    zero_employment_household_q,
)
from .transfers import (
    transfer_request_incoming,
    transfer_request_outgoing,
)

__all__ = [
    "DERIVED_GROUPS",
    "DerivedGroup",
    "DuplicateFound",
    "DuplicatePair",
    "EARTH_RADIUS_KM",
    "FOUR_CLEARS_Q",
    "KEYS_LIMIT",
    "NAME_KEY",
    "OLDER_WORKER_AGE",
    "ParameterOverview",
    "SORTS",
    "TextMessageRow",
    "audit_entry_list",
    "dashboard_counts",
    "derived_group_codes",
    "distance_km_expression",
    "four_clears_summary",
    "heartbeat_times",
    "long_term_unemployed_exists",
    "long_term_unemployed_q",
    "merge_window_open",
    "name_q",
    "notification_list",
    "older_worker_q",
    "policy_parameter_overview",
    "public_nearby_sites",
    "public_station_get",
    "public_station_list",
    "recent_graduate_q",
    "related_site_list",
    "resident_duplicate_check",
    "resident_duplicate_pair",
    "resident_duplicate_pairs",
    "resident_get_for_user",
    "resident_list",
    "resident_merge_list",
    "resident_merged_into",
    "resident_merges_into",
    "resident_record_parts",
    "resident_rows",
    "resident_search",
    "resident_text_messages",
    "search_q",
    "staff_account_list",
    "staff_account_search",
    "station_list",
    "target_group_choices",
    "transfer_request_incoming",
    "transfer_request_outgoing",
    "unread_notification_count",
    "years_before",
    "zero_employment_household_q",
]
