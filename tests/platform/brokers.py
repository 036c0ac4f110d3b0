"""Helpers for tests that point Celery at a broker of their own (a port where
nothing listens, or a redis-server they start and stop)."""

import contextlib
import socket

from kombu import pools

from config.celery import app as celery_app


def free_port() -> int:
    """A local TCP port nothing listens on (just now)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fresh_connection_pools() -> None:
    """Forget the pooled broker connections, so the next publish connects to
    the broker_url set now. Eager runs take a producer from the pool too."""
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    pools.reset()  # kombu's registry would hand back the closed pool for a known URL


@contextlib.contextmanager
def celery_on_broker(url: str):
    """Celery as in production (tasks go to the broker, none run in-process)
    on the broker at `url`, for the duration of the block."""
    conf = celery_app.conf
    saved = conf.task_always_eager, conf.broker_url
    conf.task_always_eager, conf.broker_url = False, url
    fresh_connection_pools()
    try:
        yield
    finally:
        conf.task_always_eager, conf.broker_url = saved
        fresh_connection_pools()
