"""Paper titles and the system names in them ("Name: ..."), by research area."""

from __future__ import annotations

import itertools
from random import Random
from typing import NamedTuple

from . import load


class Area(NamedTuple):
    tasks: list[str]      # title words
    methods: list[str]    # title words
    concepts: list[str]   # keys of summaries.CONCEPTS
    benchmarks: list[str]
    tasks_ko: list[str]   # Korean task phrases for the summaries


_AREAS = load("areas")["areas"]
AREAS = {key: Area(a["tasks"], a["methods"], a["concepts"], a["benchmarks"], a["tasks_ko"])
         for key, a in _AREAS.items()}
AREA_KEYS = list(AREAS)
AREA_CW = list(itertools.accumulate(a["weight"] for a in _AREAS.values()))

_DATA = load("titles")
ADJECTIVES: list[str] = _DATA["adjectives"].split()
PREFIXES: list[str] = _DATA["prefixes"].split()
SUFFIXES: list[str] = _DATA["suffixes"].split()
WORD_NAMES: list[str] = _DATA["word_names"].split()
VERSIONS: list[str] = _DATA["versions"]
ACRONYM_LETTERS: str = _DATA["acronym_letters"]
LATEX_NAMES: list[str] = _DATA["latex_names"]
MANGLED_NAMES: list[str] = _DATA["mangled_names"]
QUOTES: list[str] = _DATA["quotes"]
DESCRIPTIONS: list[str] = _DATA["descriptions"]


def system_name(rng: Random) -> str:
    r = rng.random()
    if r < 0.6:
        return rng.choice(PREFIXES) + rng.choice(SUFFIXES) + rng.choice(VERSIONS)
    if r < 0.8:
        return rng.choice(WORD_NAMES) + rng.choice(VERSIONS)
    if r < 0.95:
        a, b = rng.choice(PREFIXES), rng.choice(SUFFIXES)
        return f"{a}-{b}" + rng.choice(VERSIONS)
    return "".join(rng.choice(ACRONYM_LETTERS) for _ in range(rng.randint(3, 6)))


def title_for(rng: Random, area: str, own_method: str = "", own_task: str = "", own_task2: str = "") -> tuple[str, str]:
    """(title, system name or ""); the paper's own terms, if given, in place of the area's
    method and tasks."""
    tasks, methods, _, benches, _ = AREAS[area]
    task, task2, method = rng.choice(tasks), rng.choice(tasks), rng.choice(methods)
    method, task, task2 = own_method or method, own_task or task, own_task2 or task2
    adj = rng.choice(ADJECTIVES)
    r = rng.random()
    if r < 0.012:
        sys_name = rng.choice(MANGLED_NAMES)
    elif r < 0.03:
        sys_name = rng.choice(LATEX_NAMES)
    else:
        sys_name = system_name(rng)
    desc = rng.choice(DESCRIPTIONS).format(adj=adj, method=method, task=task, task2=task2)
    r = rng.random()
    if r < 0.55:
        return f"{sys_name}: {desc}", sys_name
    if r < 0.59:
        return f"Can {method} {rng.choice(['Solve', 'Master', 'Learn', 'Benefit from'])} {task}?", ""
    if r < 0.61:
        return f"Is {method} All You Need for {task}?", ""
    if r < 0.63:
        return f"{sys_name}: {adj} {task} & {task2} in One Model", sys_name
    if r < 0.65:
        return f"{sys_name}: Achieving >{rng.randint(30, 95)}% on {rng.choice(benches)} with {method}", sys_name
    if r < 0.66:
        return f"{rng.choice(QUOTES)}: {desc}", ""
    if r < 0.67:
        return f"Beyond [{rng.choice(['MASK', 'CLS', 'EOS', 'SEP'])}]: {desc}", ""
    if r < 0.69:
        return f"{sys_name} Technical Report", sys_name
    if r < 0.70:
        return f"{sys_name} [{rng.choice(['Technical Report', 'Preprint', 'v2'])}]: {desc}", sys_name
    if r < 0.71:
        return f"{desc} with {rng.randint(1, 10)}% of the Compute", ""
    if r < 0.72:
        return f"Do {method} Know What They Don't Know About {task}?", ""
    if r < 0.74:
        return f"The Landscape of {task}: A Survey", ""
    if r < 0.75:
        return f"{sys_name}: Is {method} (Really) Better at {task}?", sys_name
    return desc, ""
