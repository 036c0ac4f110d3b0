"""Report figures of this app, one source per area (a sheet each in the workbook)."""

from .cooperatives import SOURCE as COOPERATIVES
from .funds import SOURCE as FUNDS
from .network import SOURCE as NETWORK
from .people import SOURCE as PEOPLE

SOURCES = tuple(source for source in (NETWORK, COOPERATIVES, PEOPLE, FUNDS) if source is not None)
