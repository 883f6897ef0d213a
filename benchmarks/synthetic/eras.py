"""The format eras: which variants a day's digest uses, by its place in the archive."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Era:
    """Days whose share of the archive before them, frac = index / days, is in [start, end)."""

    name: str
    start: float
    end: float
    what: str


# frac < 1 on every day, so an era ending at 1.0 runs to the last day.
ERAS = (
    Era("oldest", 0.0, 0.06, "oldest: no Authors, no Vote, no videos (variant 1)"),
    Era("single-quoted", 0.06, 0.16, "Python-list authors ['A', \"O'B\"], no blank lines (2, 5)"),
    Era("double-quoted", 0.16, 0.24, 'Python-list authors with double quotes ["A", "B"]'),
    Era("modern", 0.24, 1.0, "modern: `Authors: A, B`, `+` placeholders (7)"),
    Era("vote-dashes", 0.26, 0.29, "many `Vote: -` (4)"),
    Era("doubled-names", 0.37, 0.50, "names repeated in a row (`A, A, B`), as in Dec 2023 (6)"),
    Era("thumbnails", 0.55, 1.0, "most images arXiv social thumbnails"),
    Era("structured", 0.24, 1.0, "summaries structured (13), as from mid-2024"),
)
BY_NAME = {era.name: era for era in ERAS}


def in_era(name: str, frac: float) -> bool:
    era = BY_NAME[name]
    return era.start <= frac < era.end


def era_table() -> str:
    """The eras as an indented table, an era within another one indented once more."""
    lines = ["    days (share of the archive)   shape"]
    for era in sorted(ERAS, key=lambda e: e.start):
        inner = any(o is not era and o.start <= era.start and era.end <= o.end for o in ERAS)
        if era.start == 0.0:
            days = f"first {era.end:.0%}"
        elif era.end == 1.0:
            days = f"{era.start:.0%} - end"
        else:
            days = f"{era.start:.0%} - {era.end:.0%}"
        days = ("  " if inner else "") + days
        lines.append(f"    {days:<30}{era.what}")
    return "\n".join(lines)
