"""Running service calls at the same moment, for the tests of row locks."""

import threading

from django.core.exceptions import ValidationError
from django.db import connections


def race(calls) -> list[str]:
    """Run the calls at the same moment, each on its own connection (so on
    PostgreSQL each holds its own row locks); return what each did, sorted:
    "done", or "refused" for a ValidationError."""
    barrier = threading.Barrier(len(calls))
    outcomes = []

    def run(call):
        try:
            barrier.wait(timeout=10)
            call()
            outcomes.append("done")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(outcomes)
