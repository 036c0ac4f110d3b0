"""Which role may do what in the hardship ledger. Scope (which cases) is
decided by stations.scoping; these rules decide the actions."""

from stations.models import Role
from stations.permissions import ALL_ROLES, STAFF_WHO_KEEP_RECORDS, register

register(
    {
        # Every staff role reads the ledger and compliance of its own node.
        "assistance.view_case": ALL_ROLES,
        "assistance.view_compliance": ALL_ROLES,
        # Community staff open and work cases; street officers may step in
        # (reassign within a community, close) for the communities they review.
        "assistance.open_case": STAFF_WHO_KEEP_RECORDS,
        "assistance.reassign_case": STAFF_WHO_KEEP_RECORDS,
        "assistance.close_case": STAFF_WHO_KEEP_RECORDS,
        "assistance.record_service": STAFF_WHO_KEEP_RECORDS,
        # Help requests from the public page: every role sees its node's;
        # those who keep records answer them.
        "assistance.view_help_request": ALL_ROLES,
        "assistance.answer_help_request": STAFF_WHO_KEEP_RECORDS,
        # Reminders are a system job; nobody sends them by hand from a page.
        "assistance.send_reminders": frozenset({Role.CITY_BUREAU}),
    }
)
