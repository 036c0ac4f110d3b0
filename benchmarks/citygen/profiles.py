"""The sizes of the two city profiles and of what follows from them."""

from __future__ import annotations

PROFILES = {
    # The city data of the earlier benchmark runs (README's table of 2026-11-26).
    "city500k": {
        "streets": 65,
        "communities": 2400,
        "residents": 500_000,
        "services": 2_000_000,
        # Open assistance cases = the registered unemployed (12% of residents, as before).
        "cases": 60_000,
        "employers": 30_000,
        "postings": 50_000,
        "expired_postings": 0,
        "enrolments": 100_000,
        "applications": 20_000,
    },
    # Zaozhuang's real size (issue 18): about 3.85 million people, a register of
    # about 2 million working-age people. Subsidy applications are not named
    # there and stay as they were.
    "city": {
        "streets": 65,
        "communities": 2400,
        "residents": 2_000_000,
        "services": 8_000_000,
        "cases": 150_000,
        "employers": 30_000,
        "postings": 50_000,
        "expired_postings": 500_000,
        "enrolments": 300_000,
        "applications": 20_000,
    },
}
SIZES = PROFILES["city500k"]
# Sizes that follow from the ones above unless given: classes of ~25, needs
# for three in ten enrolments, a business for three in ten applications.
DERIVED = {
    "classes": ("enrolments", 1 / 25),
    "training_needs": ("enrolments", 0.3),
    "businesses": ("applications", 0.3),
    "loans": ("applications", 0.15),
}


def sizes_for(profile: str, sizes: dict | None = None) -> dict:
    """The profile's sizes with `sizes` over them; the registered unemployed
    keep the profile's share of residents unless given, and the derived sizes
    follow from the others unless given."""
    base = PROFILES[profile]
    out = {**base, **(sizes or {})}
    if "cases" not in (sizes or {}):
        # The profile's share of registered unemployed, for other resident counts.
        out["cases"] = round(out["residents"] * base["cases"] / base["residents"])
    for key, (source, share) in DERIVED.items():
        out.setdefault(key, max(1, round(out[source] * share)))
    return out
