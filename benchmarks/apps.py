from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenchmarksConfig(AppConfig):
    """City-sized synthetic data and the benchmark command. A concern of its
    own: it writes every app's tables in bulk, so it belongs to none of them."""

    name = "benchmarks"
    verbose_name = _("City-scale data and benchmarks")

    def ready(self):
        from benchmarks.citygen.generator import seed_city
        from stations.demo import Seeder, register_seeder

        register_seeder(Seeder("city", seed_city, order=1, scales=("city", "city500k"), atomic=False))
