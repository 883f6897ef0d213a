"""Build synthetic archives of several sizes and print time per stage and peak memory.

    python benchmarks/run.py [--sizes 1000 5000 25000 100000] [--runs 3]

Each build runs in a fresh process (so peak memory is the build's own), stage by stage:
parse (read digests, resolve identities), topics, graph, metrics, then each export. Figures are
medians over --runs; the last line gives the scaling ratio between consecutive sizes
(time ratio / size ratio: 1.0 is linear).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from corpus import ensure_corpus  # noqa: E402


def child(folder: Path) -> None:
    """One full build, timed stage by stage; prints a JSON line."""
    import resource

    from kg.export import EXPORTS, get_writer
    from kg.graph import build_graph
    from kg.metrics import add_metrics
    from kg.pipeline import load_corpus
    from kg.topics import extract_topics

    times = {}
    started = time.perf_counter()
    corpus = load_corpus([folder])
    times["parse"] = time.perf_counter() - started
    started = time.perf_counter()
    topics = extract_topics(corpus.papers.values())
    times["topics"] = time.perf_counter() - started
    started = time.perf_counter()
    G = build_graph(corpus, topics)
    times["graph"] = time.perf_counter() - started
    started = time.perf_counter()
    add_metrics(G)
    times["metrics"] = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as out:
        for name, fmt, view in EXPORTS:
            started = time.perf_counter()
            with open(Path(out) / name, "wb") as file:
                get_writer(fmt)(view(G) if view else G, file)
            times[name] = time.perf_counter() - started
    times["total"] = sum(times.values())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"times": times, "peak_mb": peak, "papers": len(corpus.papers),
                      "authors": len(corpus.authors)}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 25000, 100000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-bench"))
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    totals = []
    for size in args.sizes:
        folder = ensure_corpus(size, args.work)
        runs = []
        for _ in range(args.runs):
            out = subprocess.run([sys.executable, __file__, "--child", str(folder)],
                                 check=True, capture_output=True, text=True).stdout
            runs.append(json.loads(out.strip().splitlines()[-1]))
        stages = runs[0]["times"].keys()
        median = {s: statistics.median(r["times"][s] for r in runs) for s in stages}
        peak = statistics.median(r["peak_mb"] for r in runs)
        totals.append((size, median["total"]))
        print(f"{size:>7,} papers ({runs[0]['authors']:,} authors), median of {args.runs}: "
              f"total {median['total']:.1f}s, peak {peak:,.0f} MB")
        print("         " + "  ".join(f"{s} {t:.1f}s" for s, t in median.items() if s != "total"))
    for (a, ta), (b, tb) in zip(totals, totals[1:]):
        print(f"scaling {a:,} -> {b:,}: time x{tb / ta:.2f} for size x{b / a:.0f} "
              f"(ratio to linear {tb / ta / (b / a):.2f})")


if __name__ == "__main__":
    main()
