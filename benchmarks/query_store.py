"""`kg query` as a user runs it, one process per question, on a build's store on disk.

    python benchmarks/query_store.py [--papers 25000] [--runs 3]

On the real sample and a synthetic archive (built with `kg build` into --work, reused if
there): the first `kg query` after the build (it loads the store), then every shipped query
--runs times, each a whole `python -m kg query` process (wall time, median); for
comparison, `coauthors` once on a copy of graph.ttl under another name, which `kg query`
loads in memory every time (as every query did before the store).
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from corpus import REAL_SAMPLE, ensure_corpus, exports_of, size_arguments  # noqa: E402
from queries import params_of, pick_params  # noqa: E402
from kg.query import load_graph, named_queries  # noqa: E402
from kg.store import STORE_FOLDER  # noqa: E402

TARGET = 0.5


def seconds(*args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kg", *args], cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def measure(name: str, folder: Path, out: Path, runs: int) -> None:
    if not (out / "graph.ttl").is_file():
        seconds("build", "-q", str(folder), "--out", str(out))
    shutil.rmtree(out / STORE_FOLDER, ignore_errors=True)
    graph = out / "graph.ttl"
    first = seconds("query", str(graph), "--name", "papers-by-month")
    memory = out / "in-memory.ttl"
    shutil.copy(graph, memory)
    stored = load_graph(graph)
    params = pick_params(stored)
    print(f"{name}: graph.ttl {graph.stat().st_size / 1e6:.0f} MB; first kg query after the build (loads the store) "
          f"{first:.1f}s")
    in_memory = seconds("query", str(memory), "--name", "coauthors", "--param", f"name={params['name']}")
    print(f"  coauthors loading graph.ttl in memory, as before the store: {in_memory:.1f}s")
    print(f"  {'query':<26}{'store s':>9}  <= {TARGET}s")
    worst = 0.0
    for query in named_queries().values():
        given = [a for p, v in params_of(query, params).items() for a in ("--param", f"{p}={v}")]
        on_store = statistics.median(seconds("query", str(graph), "--name", query.name, *given) for _ in range(runs))
        worst = max(worst, on_store)
        print(f"  {query.name:<26}{on_store:>9.2f}  {'yes' if on_store <= TARGET else 'NO'}")
    print(f"  slowest named query on the store: {worst:.2f}s (median of {runs} processes)")
    memory.unlink()


def main() -> None:
    args = size_arguments(__doc__, papers=25000, runs=3).parse_args()
    if REAL_SAMPLE.is_dir():
        measure("real sample", REAL_SAMPLE, args.work / "exports-real-sample", args.runs)
    corpus = ensure_corpus(args.papers, args.work)
    measure(f"synthetic {args.papers:,}", corpus, exports_of(corpus), args.runs)


if __name__ == "__main__":
    main()
