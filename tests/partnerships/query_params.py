"""Bad filter values in a query string are ignored: every list page, export and
API list of the app answers 200, never 500. Each test module lists its
routes with the parameters they read and runs them through `bad_filter_cases`.

`²` passes str.isdigit() but not int(); twenty nines overflow SQLite's 64-bit
integers; fourteen nines are no year; five thousand digits exceed Python's
limit on converting text to int."""

import pytest

BAD_VALUES = {
    "superscript": "²",
    "overflow": "9" * 20,
    "big": "9" * 14,
    "negative": "-1",
    "exponent": "1e5",
    "thousands_of_digits": "9" * 5000,
}


def bad_filter_cases(routes):
    """(route, role, parameter, bad value) for each route and each parameter it
    reads; routes are (URL name or path, the role that may read it or None, [parameters])."""
    return [
        pytest.param(route, role, param, value, id=f"{route}?{param}={label}")
        for route, role, params in routes
        for param in params
        for label, value in BAD_VALUES.items()
    ]


def client_as(client, request, role):
    """The test client signed in as the role fixture's user (anonymous for None)."""
    if role:
        client.force_login(request.getfixturevalue(role))
    return client
