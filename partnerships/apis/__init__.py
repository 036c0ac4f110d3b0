"""API routes of every area of this app, consumed by config/api_urls.py."""

from . import cooperatives, examples, funds, network, staff_training

routes = [
    *network.routes,
    *cooperatives.routes,
    *examples.routes,
    *staff_training.routes,
    *funds.routes,
]
