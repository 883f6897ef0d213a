"""Time topic extraction on a synthetic archive (median of several runs).

    python benchmarks/topics.py [--papers 5000] [--runs 3]
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from corpus import ensure_corpus, size_arguments  # noqa: E402
from kg.pipeline import load_corpus  # noqa: E402
from kg.topics import extract_topics  # noqa: E402


def main() -> None:
    parser = size_arguments(__doc__, papers=5000, runs=3)
    args = parser.parse_args()
    folder = ensure_corpus(args.papers, args.work)
    papers = list(load_corpus([folder]).papers.values())
    times = []  # each run loads the Kiwi model (about 1 s), as a build does
    for _ in range(args.runs):
        started = time.perf_counter()
        found = extract_topics(papers)
        times.append(time.perf_counter() - started)
    bilingual = sum(1 for c in found.concepts.values()
                    if {c.language} | {language for _, language in c.alt_labels} >= {"en", "ko"})
    print(f"{len(papers):,} papers: {len(found.concepts):,} concepts ({bilingual:,} bilingual); "
          f"extraction median {statistics.median(times):.1f}s over {args.runs} runs "
          f"(min {min(times):.1f}, max {max(times):.1f}); target < 30 s")


if __name__ == "__main__":
    main()
