"""Write operations for HR agencies and labour cooperatives (T10), one module
per concern: the organisations and their members (`organisations`), the
labour projects they take on (`projects`) and the residents placed on those
projects (`placements`).

Importing this package registers the closed-month operations under their
names `partnerships.services.cooperatives.<function>` (the name corrections
awaiting approval were stored under, before the split).
"""

from . import organisations, placements, projects

__all__ = ["organisations", "placements", "projects"]
