"""What every step of the city generator shares: its sizes, random source and
output, the staff who record things, the residents it draws from, and the
dates of the generated history."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import time

from django.utils import timezone

from benchmarks.citygen.profiles import sizes_for
from benchmarks.citygen.writer import BATCH
from stations.models import Community, Resident, Role, User

PARETO_CAP = 100


class Pool:
    """Weighted draws from a fixed list (cumulative weights: choices() would
    re-sum the weights on every call)."""

    def __init__(self, items, weights):
        kept = [(item, w) for item, w in zip(items, weights, strict=True) if w > 0]
        self.items = [item for item, _w in kept]
        self.cum = list(itertools.accumulate(w for _item, w in kept))
        self.total = self.cum[-1] if self.cum else 0

    def draw(self, rng: random.Random):
        return rng.choices(self.items, cum_weights=self.cum)[0]


class GeneratorBase:
    def __init__(self, *, rng: random.Random, stdout=None, sizes: dict | None = None, profile: str = "city500k"):
        self.rng = rng
        self.stdout = stdout
        self.sizes = sizes_for(profile, sizes)
        self.today = timezone.localdate()

    def say(self, message: str) -> None:
        if self.stdout is not None:
            self.stdout.write(message)

    def timed(self, label, func):
        started = time.perf_counter()
        count = func()
        self.say(f"  {label}: {count:,} in {time.perf_counter() - started:.1f} s")
        return count

    def community_weights(self, ids: list[int]) -> list[float]:
        """Skewed: a few communities are far busier than most (Pareto)."""
        # Capped: uncapped, one draw in 2,400 put over a quarter of the city's
        # residents (137,000) in one community, which no community holds. With
        # the cap the busiest holds about 6,000, some 60 times the median.
        return [min(self.rng.paretovariate(1.3), PARETO_CAP) for _ in ids]

    def people(self) -> dict:
        """Staff per node and the region's shape, read once per run."""
        if getattr(self, "_people", None) is None:
            by_role = {
                role: dict(
                    User.objects.filter(role=role, is_active=True)
                    .order_by(f"{node}_id", "-pk")
                    .values_list(f"{node}_id", "pk")
                )
                for role, node in (
                    (Role.COMMUNITY_STAFF, "community"),
                    (Role.STREET_OFFICER, "street"),
                    (Role.DISTRICT_BUREAU, "district"),
                )
            }
            communities = {
                pk: (street_id, district_id, name)
                for pk, street_id, district_id, name in Community.objects.values_list(
                    "pk", "street_id", "street__district_id", "name"
                )
            }
            any_staff = next(iter(by_role[Role.COMMUNITY_STAFF].values()), None)
            city = User.objects.filter(role=Role.CITY_BUREAU).order_by("pk").values_list("pk", flat=True).first()
            self._people = {
                "staff": by_role[Role.COMMUNITY_STAFF],
                "officer": by_role[Role.STREET_OFFICER],
                "bureau": by_role[Role.DISTRICT_BUREAU],
                "communities": communities,
                "any_staff": any_staff,
                "any_reviewer": city or any_staff,
            }
        return self._people

    def staff_of(self, community_id: int) -> int:
        people = self.people()
        return people["staff"].get(community_id, people["any_staff"])

    def officer_of(self, community_id: int) -> int:
        people = self.people()
        return people["officer"].get(people["communities"][community_id][0], people["any_reviewer"])

    def bureau_of(self, community_id: int) -> int:
        people = self.people()
        return people["bureau"].get(people["communities"][community_id][1], people["any_reviewer"])

    def resident_rows(self) -> dict:
        """Every resident on the registry as parallel lists (500,000 rows: a
        dict per resident would cost several times the memory)."""
        if getattr(self, "_residents", None) is None:
            from stations.models import TargetGroupCode

            ids, communities, statuses, wants = [], [], [], []
            for pk, community_id, status, wants_training in (
                Resident.objects.filter(removed_at__isnull=True)
                .order_by("pk")
                .values_list("pk", "community_id", "employment_status", "wants_training")
                .iterator(chunk_size=BATCH * 4)
            ):
                ids.append(pk)
                communities.append(community_id)
                statuses.append(status)
                wants.append(wants_training)
            through = Resident.target_groups.through
            grouped = set(through.objects.values_list("resident_id", flat=True))
            hard = set(
                through.objects.filter(targetgroup__code=TargetGroupCode.HARD_TO_EMPLOY).values_list(
                    "resident_id", flat=True
                )
            )
            self._residents = {
                "ids": ids,
                "community": communities,
                "status": statuses,
                "wants": wants,
                "grouped": grouped,
                "hard": hard,
            }
        return self._residents

    def pools(self, weight, by: str) -> dict:
        """Weighted draws of residents (their row index) per district or street."""
        rows = self.resident_rows()
        communities = self.people()["communities"]
        place = 0 if by == "street" else 1
        members: dict[int, list[int]] = {}
        weights: dict[int, list[float]] = {}
        for i, (pk, community_id, status) in enumerate(
            zip(rows["ids"], rows["community"], rows["status"], strict=True)
        ):
            w = weight(pk, status, rows["wants"][i])
            if w <= 0:
                continue
            key = communities[community_id][place]
            members.setdefault(key, []).append(i)
            weights.setdefault(key, []).append(w)
        return {key: Pool(members[key], weights[key]) for key in members}

    def in_history(self) -> tuple[dt.date, int]:
        """The start of the generated history and its length in days."""
        start = self.today - dt.timedelta(days=3 * 365)
        return start, (self.today - start).days

    def at(self, day: dt.date) -> dt.datetime:
        """A moment in office hours on `day`."""
        minutes = self.rng.randrange(8 * 60 + 30, 17 * 60 + 30)
        return timezone.make_aware(dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60)))
