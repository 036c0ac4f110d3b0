"""Settings of the gunicorn a benchmark run starts: production settings from
the environment (DEBUG off), with the benchmark's URLs (the minimal reference
view added). Never used to serve the portal."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.bench_urls"
