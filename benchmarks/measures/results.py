"""One figure's line of the table and of var/bench/latest.json, and the table."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

MB = 1024 * 1024


@dataclass
class Result:
    """One line of the table and of var/bench/latest.json."""

    name: str
    value: float
    unit: str
    limit: float | None
    ratio: float | None
    target: str
    met: bool | None
    note: str = ""
    # The 1-minute load average when the figure started and when it ended.
    load_average: list[float] | None = None

    def as_json(self) -> dict:
        return asdict(self)


def ratio_result(name: str, value: float, limit: float, unit: str, *, at_most: float, note: str = "") -> Result:
    """A figure held to `value / limit <= at_most`."""
    ratio = value / limit if limit else None
    met = ratio is not None and ratio <= at_most
    return Result(name, value, unit, limit, ratio, f"ratio <= {at_most:g}", met, note)


def floor_result(name: str, value: float, limit: float, unit: str, *, at_least: float, note: str = "") -> Result:
    """A figure held to `value / limit >= at_least` (throughput)."""
    ratio = value / limit if limit else None
    met = ratio is not None and ratio >= at_least
    return Result(name, value, unit, limit, ratio, f"ratio >= {at_least:g}", met, note)


def ceiling_result(
    name: str, value: float, limit: float | None, unit: str, *, value_at_most: float, note: str = ""
) -> Result:
    """A figure held to an absolute ceiling (memory, matching time); the limit
    is still measured and its ratio shown for orientation."""
    ratio = value / limit if limit else None
    return Result(name, value, unit, limit, ratio, f"value <= {value_at_most:g} {unit}", value <= value_at_most, note)


def write_json(results: list[Result], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps([r.as_json() for r in results], ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def fmt(value: float | None, digits: int = 2) -> str:
    if value is None:
        return "-"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


def format_table(results: list[Result]) -> str:
    """A fixed-width table (also pasted into the README as Markdown)."""
    lines = [f"{'figure':<52} {'value':>10} {'limit':>10} {'unit':<6} {'ratio':>6}  {'target':<22} met"]
    for r in results:
        met = "yes" if r.met else ("NO" if r.met is False else "-")
        lines.append(
            f"{r.name:<52} {fmt(r.value):>10} {fmt(r.limit):>10} {r.unit:<6} {fmt(r.ratio):>6}  {r.target:<22} {met}"
        )
    return "\n".join(lines)


def markdown_table(results: list[Result]) -> str:
    lines = ["| figure | value | limit | unit | ratio | target | met |", "|---|---:|---:|---|---:|---|---|"]
    for r in results:
        met = "yes" if r.met else ("**NO**" if r.met is False else "-")
        lines.append(f"| {r.name} | {fmt(r.value)} | {fmt(r.limit)} | {r.unit} | {fmt(r.ratio)} | {r.target} | {met} |")
    return "\n".join(lines)
