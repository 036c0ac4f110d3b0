"""Demo data of this app: one seeder per area, run by `seed_demo` after the
region, residents and jobs exist."""

from stations.demo import Seeder

from .cooperatives import seed_cooperatives
from .examples import seed_examples
from .funds import seed_funds
from .network import seed_network
from .staff_training import seed_staff_training

SEEDERS = (
    Seeder("partnerships_network", seed_network, order=80),
    Seeder("partnerships_cooperatives", seed_cooperatives, order=81),
    Seeder("partnerships_examples", seed_examples, order=82),
    Seeder("partnerships_staff_training", seed_staff_training, order=83),
    Seeder("partnerships_funds", seed_funds, order=84),
)
