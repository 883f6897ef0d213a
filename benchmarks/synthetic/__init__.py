"""Synthetic archives of daily paper digests, for benchmarking `kg` (make_corpus.py runs it).

An archive of about N distinct papers (exactly N arXiv ids, plus ~2% re-featured on a
later date) as one digest file per day, about 15 papers a day, on consecutive
days from 2023-05-01. Files are named like the real ones (`NNN_<16 hex>.txt`)
and use every variant of ../shared/FORMAT.md, in proportions meant to resemble
a real archive whose writing script changed over time:

    [ERAS in eras.py, as a table]

and, scattered: media as `![](url)`, `[Watch Video](url)` + `<div><video ...>`
or `<video src='...'>` (3), `+` placeholders (7), team authors (8), accented
names, written in NFD on ~4% of author lines (9), 0.2% of papers with 100-650
authors (10), a second header with the same date in ~4% of files (11), LaTeX and
control characters (\\x08, \\x0c, \\t where `\\beta`, `\\frac`, `\\textit` were)
in a few titles and bullets (14), GitHub and project links with Korean particles
glued on (15), titles with brackets, colons, `?`, `&`, `%`, quotes (16).

Calibrated on ../shared/real-sample/digests (benchmarks/calibration.py prints both side
by side): summaries as long as real ones, mostly structured from mid-archive on, about
three English glosses each, of terms of the paper's own (data/lexicon.toml: a new one
per paper, others shared with a few earlier papers) besides the areas' concepts. Authors
come from a growing pool with preferential reuse (a Yule/Zipf-like process: prolific
authors exist) and teams that write together again (Guimerà et al.'s team assembly); at the
real sample's size, four in five authors of one paper and one co-author pair in twenty sharing
another paper, as there. About 6 distinct authors per paper, so
N=5000 gives roughly 32,000 authors.

Deterministic: the same N and seed give byte-identical files (one
random.Random, no clock, no hash()). Standard library only (tomllib: Python 3.11).
The word lists and templates are in data/; the order of every list matters.
"""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


@functools.cache
def load(name: str) -> dict:
    """data/NAME.toml as a dict (tables keep the file's order), read once: do not modify it."""
    with open(DATA / f"{name}.toml", "rb") as f:
        return tomllib.load(f)


def description() -> str:
    """This docstring past its first line, with the table of eras in its place, for `--help`."""
    from .eras import era_table
    return __doc__.split("\n\n", 1)[1].replace("    [ERAS in eras.py, as a table]", era_table())
