import pytest

from benchmarks.measures import throughput

WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:8000/jobs/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    35.40ms   20.27ms 219.69ms   80.72%
  704 requests in 10.04s, 223.75KB read
  Non-2xx or 3xx responses: 3
Requests/sec:    231.29
Transfer/sec:     73.51KB
"""


def test_parse_wrk_reads_rate_and_bad_responses():
    assert throughput.parse_wrk(WRK_OUTPUT) == (231.29, 3)


def test_parse_wrk_without_a_rate_raises():
    with pytest.raises(RuntimeError):
        throughput.parse_wrk("connection refused")
