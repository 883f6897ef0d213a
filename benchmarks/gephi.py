"""Time the metrics stage and the Gephi exports on a synthetic archive.

    python benchmarks/gephi.py [--papers 5000] [--runs 3] [--work /tmp/kg-bench]

Generates the archive with make_corpus.py (cached in --work), reads it and builds
the graph once (not timed: the same for every export), then, --runs times, runs the
metrics stage (`kg.metrics.add_metrics`) and writes graph.graphml,
coauthors.graphml, topics.graphml and coauthors.gexf (view + writer, as `kg build`
does: the co-author view is made once for both files) into --work. Prints the median seconds of each step, the file sizes, and
whether the total is under 20 s and coauthors.graphml under 100 MB. The Turtle
exports are not written: they are timed by benchmarks/queries.py's build.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from corpus import ensure_corpus, size_arguments  # noqa: E402
from kg.export import EXPORTS, ExportSettings  # noqa: E402
from kg.graph import build_graph  # noqa: E402
from kg.metrics import add_metrics  # noqa: E402
from kg.graph import summarize  # noqa: E402
from kg.pipeline import load_corpus  # noqa: E402
from kg.topics import extract_topics  # noqa: E402

GEPHI_FILES = ("graph.graphml", "coauthors.graphml", "topics.graphml", "coauthors.gexf")
TARGET_SECONDS = 20
TARGET_COAUTHORS_MB = 100


def main() -> None:
    parser = size_arguments(__doc__, papers=5000, runs=3)
    args = parser.parse_args()

    corpus_dir = ensure_corpus(args.papers, args.work)
    out = args.work / f"gephi-{args.papers}"
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    corpus = load_corpus([corpus_dir])
    G = build_graph(corpus, extract_topics(corpus.papers.values()))
    counts = summarize(G)
    print(f"archive: {counts['papers']:,} papers, {counts['authors']:,} authors, "
          f"{counts['coauthor pairs']:,} co-author pairs, {counts['topics']:,} topics; "
          f"read and built in {time.perf_counter() - started:.1f}s (not timed below)")

    exports = {e.name: e for e in EXPORTS if e.name in GEPHI_FILES}
    settings = ExportSettings()
    times: dict[str, list[float]] = {"metrics": [], **{name: [] for name in GEPHI_FILES}}
    for _ in range(args.runs):
        t = time.perf_counter()
        add_metrics(G)
        times["metrics"].append(time.perf_counter() - t)
        views = {}  # as write_exports does: a view written twice is made once, timed with its first file
        for name in GEPHI_FILES:
            view = exports[name].view
            t = time.perf_counter()
            if view and view not in views:
                views[view] = view(G, settings)
            with open(out / name, "wb") as file:
                exports[name].writer_function(settings)(views[view] if view else G, file)
            times[name].append(time.perf_counter() - t)

    print(f"{'step':<20}{'median s':>10}{'min':>8}{'max':>8}{'MB':>9}")
    total = 0.0
    for step, values in times.items():
        median = statistics.median(values)
        total += median
        size = f"{(out / step).stat().st_size / 1e6:9.1f}" if step in GEPHI_FILES else f"{'':9}"
        print(f"{step:<20}{median:>10.2f}{min(values):>8.2f}{max(values):>8.2f}{size}")
    coauthors_mb = (out / "coauthors.graphml").stat().st_size / 1e6
    print(f"{'total':<20}{total:>10.2f}  (< {TARGET_SECONDS} s: {'yes' if total < TARGET_SECONDS else 'NO'}; "
          f"coauthors.graphml < {TARGET_COAUTHORS_MB} MB: {'yes' if coauthors_mb < TARGET_COAUTHORS_MB else 'NO'})")
    print(f"betweenness: {G.graph['betweenness_method']}; {G.graph['author_communities']:,} author communities, "
          f"{G.graph['topic_communities']:,} topic communities")


if __name__ == "__main__":
    main()
