"""The demo seeders' registry (stations/demo/__init__.py): by scale, in order."""

from stations import demo


def _noop(**kwargs):
    return None


def test_the_seeders_of_a_scale_come_in_their_order(monkeypatch):
    monkeypatch.setattr(demo, "_SEEDERS", {})
    demo.register_seeder(demo.Seeder("late", _noop, order=20))
    demo.register_seeder(demo.Seeder("early", _noop, order=10))
    demo.register_seeder(demo.Seeder("city_only", _noop, order=5, scales=("city",)))
    assert [s.name for s in demo.seeders("small")] == ["early", "late"]
    assert [s.name for s in demo.seeders("city")] == ["city_only"]
