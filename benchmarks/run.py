"""Build synthetic archives of several sizes: what `kg build` costs, and each stage's share.

    python benchmarks/run.py [FOLDER ...] [--sizes 1000 5000 25000 100000] [--runs 3]

FOLDERs of real digests (e.g. ../shared/real-sample/digests) are measured first, the same
way, so that a synthetic archive's stages can be compared with real ones (`--sizes` with
no size: the folders only).

Per size and run, two builds in fresh processes:

* the real `kg build` (`python -m kg build DIR --out TMP`: the same code, the same
  processes, a fresh output folder so no cache): its wall time, and its peak memory, the
  highest sum of the proportional set sizes (PSS, /proc/PID/smaps_rollup) of the build
  and its forked processes (Korean analysis, export processes), sampled every 0.25 s. PSS
  counts a page two processes share (a forked process's copy-on-write memory) once,
  where summing their RSS would count it twice; a spike shorter than the sampling
  interval can be missed, and the sampling costs the machine about 5% of one core.
* the same stages one after another in one process, each timed: parse (read digests,
  resolve identities), topics, graph, metrics, then each export; with that process's
  peak RSS (getrusage).

Figures are medians over --runs; the last lines give the scaling ratio of `kg build`
between consecutive sizes (time ratio / size ratio: 1.0 is linear).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
SAMPLE_SECONDS = 0.25

from corpus import ensure_corpus  # noqa: E402


def child(folder: Path) -> None:
    """One full build, timed stage by stage; prints a JSON line. As in `kg build`, the cyclic
    garbage collector is paused and igraph imported first: else each stage's time would
    depend on how many objects the stages before it left alive."""
    import igraph  # noqa: F401

    from kg.runtime import gc_paused

    with gc_paused():
        timed_stages(folder)


def timed_stages(folder: Path) -> None:
    import resource

    from kg.export import EXPORTS, ExportSettings
    from kg.export.turtle import write_turtle
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
    settings, stats = ExportSettings(), None
    with tempfile.TemporaryDirectory() as out:
        for export in EXPORTS:
            started = time.perf_counter()
            with open(Path(out) / export.name, "wb") as file:
                if export.parts:  # in one piece here
                    stats = write_turtle(G, file)
                elif export.from_statistics:
                    export.writer_function(settings)(G, file, stats=stats)
                else:
                    export.writer_function(settings)(export.view(G, settings) if export.view else G, file)
            times[export.name] = time.perf_counter() - started
    times["total"] = sum(times.values())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"times": times, "peak_mb": peak, "papers": len(corpus.papers),
                      "authors": len(corpus.authors)}))


def full_build(folder: Path) -> dict:
    """`kg build` as a user runs it: wall time and peak memory (MB) of its process tree."""
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        build = subprocess.Popen([sys.executable, "-m", "kg", "build", "-q", str(folder), "--out", out],
                                 cwd=ROOT, stdout=subprocess.DEVNULL)
        peak = PeakMemory(build.pid)
        _, status, _ = os.wait4(build.pid, 0)
        wall = time.perf_counter() - started
        build.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        peak.stop()
    if build.returncode:
        raise SystemExit(f"kg build {folder} failed with status {build.returncode}")
    return {"wall": wall, "peak_mb": peak.kb / 1024}


class PeakMemory:
    """The highest PSS sum of a process and its descendants, sampled in a thread."""

    def __init__(self, pid: int):
        self.pid, self.kb = pid, 0
        self.done = threading.Event()
        self.thread = threading.Thread(target=self.sample, daemon=True)
        self.thread.start()

    def sample(self) -> None:
        while not self.done.wait(SAMPLE_SECONDS):
            self.kb = max(self.kb, sum(pss_kb(pid) for pid in process_tree(self.pid)))

    def stop(self) -> None:
        self.done.set()
        self.thread.join()


def process_tree(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            children = [int(c) for c in f.read().split()]
    except OSError:  # exited meanwhile
        return []
    return [pid, *(p for child in children for p in process_tree(child))]


def pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            return next((int(line.split()[1]) for line in f if line.startswith("Pss:")), 0)
    except OSError:
        return 0


def staged_build(folder: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", str(folder)],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def measure(name: str, folder: Path, runs: int) -> float:
    """Print `kg build`'s and the stages' figures for the digests in `folder`; the build's median wall time."""
    from kg.parse import find_digest_files

    builds, stages = [], []
    for _ in range(runs):
        builds.append(full_build(folder))
        stages.append(staged_build(folder))
    wall = statistics.median(b["wall"] for b in builds)
    peak = statistics.median(b["peak_mb"] for b in builds)
    median = {s: statistics.median(r["times"][s] for r in stages) for s in stages[0]["times"]}
    stage_peak = statistics.median(r["peak_mb"] for r in stages)
    papers = stages[0]["papers"]
    markdown = sum(f.stat().st_size for f in find_digest_files([folder]))
    print(f"{name}: {papers:,} papers ({stages[0]['authors']:,} authors, {markdown / 1024 / max(papers, 1):.2f} KB "
          f"of Markdown per paper), median of {runs}: kg build {wall:.1f}s, peak {peak:,.0f} MB "
          "(build and its forked processes, PSS)")
    print(f"         stages in turn: total {median['total']:.1f}s, peak {stage_peak:,.0f} MB (RSS)")
    print("         " + "  ".join(f"{s} {t:.1f}s" for s, t in median.items() if s != "total"))
    return wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", type=Path, nargs="*", help="folders of real digests, measured first")
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 5000, 25000, 100000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-bench"))
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    totals = []
    for folder in args.folders:
        measure(f"{folder}", folder, args.runs)
    for size in args.sizes:
        totals.append((size, measure(f"{size:,} synthetic", ensure_corpus(size, args.work), args.runs)))
    for (a, ta), (b, tb) in zip(totals, totals[1:]):
        print(f"scaling {a:,} -> {b:,}: time x{tb / ta:.2f} for size x{b / a:.0f} "
              f"(ratio to linear {tb / ta / (b / a):.2f})")


if __name__ == "__main__":
    main()
