"""Is the synthetic archive a fair stand-in for real digests? Both side by side.

    python benchmarks/calibration.py [FOLDER] [--runs 3] [--work /tmp/kg-bench]

FOLDER (default ../shared/real-sample/digests) and a synthetic archive of as many papers
(make_corpus.py, kept in --work): first what the input looks like (summary length,
English and glosses, structure, authors and how often a name comes back), then each stage
of the build timed one after another in a fresh process (run.py's stages), real and
synthetic runs interleaved, medians of --runs, with synthetic / real. A stage is
calibrated when that ratio is within 0.8-1.2: figures measured on the synthetic archive
(run.py at 25,000 or 100,000 papers) then stand for an archive of real digests. Stages
under half a second on the real digests are shown but not judged: their ratio is mostly
timer noise.
"""

from __future__ import annotations

import argparse
import itertools
import re
import statistics
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from corpus import REAL_SAMPLE, ensure_corpus  # noqa: E402
from run import staged_build  # noqa: E402

from kg.settings import MAX_COAUTHORS  # noqa: E402

SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
ENGLISH_WORD = re.compile(r"[A-Za-z][A-Za-z0-9\-]*")
GLOSS = re.compile(r"\([^()]*[A-Za-z][^()]*\)")
TOLERANCE = 0.2
JUDGED = 0.5  # seconds


def features(folder: Path) -> dict[str, float]:
    """What a folder's papers look like, as figures the generator is tuned to."""
    from kg.pipeline import load_corpus

    corpus = load_corpus([folder])
    papers = list(corpus.papers.values())
    texts = ["\n".join(p.summary) for p in papers]
    per_author = Counter(a for p in papers for a in p.authors)
    authorships = sum(per_author.values())
    teams = [sorted(set(p.authors)) for p in papers if len(set(p.authors)) <= MAX_COAUTHORS]
    pairs = Counter(pair for team in teams for pair in itertools.combinations(team, 2))
    repeated = {pair for pair, n in pairs.items() if n >= 2}
    return {
        "papers": len(papers),
        "summary characters (median)": statistics.median(map(len, texts)),
        "sentences (median)": statistics.median(len(SENTENCE_END.findall(t)) for t in texts),
        "English words (median)": statistics.median(len(ENGLISH_WORD.findall(t)) for t in texts),
        "glosses in parentheses (median)": statistics.median(len(GLOSS.findall(t)) for t in texts),
        "distinct English words": len({w.lower() for t in texts for w in ENGLISH_WORD.findall(t)}),
        "structured summaries (share)": sum("What's New" in t for t in texts) / len(texts),
        "authors per paper (mean)": authorships / len(papers),
        "distinct authors": len(per_author),
        "papers per author (mean)": authorships / max(len(per_author), 1),
        "authors of one paper (share)": sum(n == 1 for n in per_author.values()) / max(len(per_author), 1),
        "papers of the busiest author": max(per_author.values(), default=0),
        "pairs sharing 2+ papers (share)": len(repeated) / max(len(pairs), 1),
        "papers with such a pair (share)": sum(
            any(pair in repeated for pair in itertools.combinations(team, 2)) for team in teams) / len(papers),
    }


def row(name: str, real: float, synthetic: float, mark: str = "") -> str:
    def shown(x: float) -> str:
        return f"{x:,.2f}" if isinstance(x, float) and x < 100 else f"{x:,.0f}"
    ratio = synthetic / real if real else float("nan")
    return f"  {name:<34}{shown(real):>10}{shown(synthetic):>12}{ratio:>8.2f}  {mark}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, nargs="?", default=REAL_SAMPLE)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-bench"))
    args = parser.parse_args()
    real = features(args.folder)
    synthetic_folder = ensure_corpus(real["papers"], args.work)
    synthetic = features(synthetic_folder)
    print(f"{args.folder} against {synthetic_folder}")
    print(f"  {'input':<34}{'real':>10}{'synthetic':>12}{'ratio':>8}")
    for name in real:
        print(row(name, real[name], synthetic[name]))

    runs = {"real": [], "synthetic": []}
    for _ in range(args.runs):  # interleaved, so a slow minute falls on both
        runs["real"].append(staged_build(args.folder)["times"])
        runs["synthetic"].append(staged_build(synthetic_folder)["times"])
    median = {kind: {stage: statistics.median(r[stage] for r in times) for stage in times[0]}
              for kind, times in runs.items()}
    print(f"  {'stage, seconds (median of ' + str(args.runs) + ')':<34}{'real':>10}{'synthetic':>12}{'ratio':>8}")
    judged = calibrated = 0
    for stage, seconds in median["real"].items():
        ratio = median["synthetic"][stage] / seconds
        ok = abs(ratio - 1) <= TOLERANCE
        if seconds >= JUDGED:
            judged += 1
            calibrated += ok
        mark = "too short to judge" if seconds < JUDGED else "" if ok else f"outside {1 - TOLERANCE:.1f}-{1 + TOLERANCE:.1f}"
        print(row(stage, seconds, median["synthetic"][stage], mark))
    print(f"  {calibrated} of {judged} stages of {JUDGED} s or more within {TOLERANCE:.0%}")


if __name__ == "__main__":
    main()
