"""Write operations of the partner network (T9), one module per concern:
partners and their embedded service points (`partners`), joint employment
meetings and the commitments recorded at them (`meetings`), and following a
commitment until it is done or dropped (`commitments`).

Importing this package registers the closed-month operations under their
names `partnerships.services.network.<function>` (the name corrections
awaiting approval were stored under, before the split).
"""

from . import commitments, meetings, partners

__all__ = ["commitments", "meetings", "partners"]
